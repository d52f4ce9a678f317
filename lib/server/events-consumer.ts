/**
 * Consumes Step Functions status-change events from SQS (STEPSCOPE_EVENTS_QUEUE_URL) into the
 * store: a new execution or a status change is stored within a long poll of its event, with no
 * ListExecutions spent. The store merges each event into the stored row by the order-free rule
 * of lib/events, and a message is deleted only after the store write committed, so a crash
 * re-delivers rather than loses. Only the lease holder consumes. A missing or denied queue is
 * reported (in /api/source) and retried slowly; polling carries on regardless.
 *
 * One queue can carry the events of several accounts and Regions (an EventBridge bus fed by
 * each): every event goes to the source its state machine ARN names (lib/server/sources), and an
 * event no source keeps is counted and said in the status (logged once per reason), not stored.
 */
import "./server-only";
import { parseStatusChange } from "@/lib/events";
import type { EventsQueueStatus } from "@/lib/contract/api";
import type { EventsQueue, QueueMessage } from "@/lib/sfn/events-queue";
import type { Store, StoredExecution } from "@/lib/store";
import { RepeatedFailureLog } from "./pause";

export type EventsStatus = EventsQueueStatus;

/** Where a machine's events go: the index that shows them at once, or why no source keeps them. */
export type EventTarget =
  | { ok: true; absorb(rows: readonly StoredExecution[]): void | Promise<void> }
  | { ok: false; why: string };

export class EventsConsumer {
  readonly status: EventsStatus;

  constructor(
    private readonly store: Store,
    private readonly queue: EventsQueue,
    queueUrl: string,
    private readonly now: () => number,
    /** Each machine's source: its in-memory index is told of every committed batch, so it shows it without a listing. */
    private readonly route: (machineArn: string) => EventTarget = () => ({ ok: true, absorb: () => undefined }),
  ) {
    this.status = { queueUrl, state: "starting", received: 0, applied: 0, ignored: 0 };
  }

  /** One long poll and what it brought; errors are kept in `status`, never thrown. */
  async pollOnce(waitSeconds = 20, signal?: AbortSignal): Promise<number> {
    let messages: QueueMessage[];
    try {
      messages = await this.queue.receive(waitSeconds, signal);
    } catch (error) {
      if ((error as Error).name === "AbortError") return 0;
      this.fail(error);
      return 0;
    }
    // The queue answered: the consumer is consuming from here on, whatever the batch holds. Said
    // before the batch is applied, so no reader sees an applied event under "starting".
    this.status.state = "consuming";
    this.status.message = undefined;
    try {
      await this.apply(messages);
      await this.queue.delete(messages);
      this.failures.succeeded();
    } catch (error) {
      this.fail(error);
    }
    return messages.length;
  }

  private async apply(messages: readonly QueueMessage[]): Promise<void> {
    const byMachine = new Map<string, StoredExecution[]>();
    for (const m of messages) {
      this.status.received++;
      const parsed = parseStatusChange(m.body);
      if (parsed.kind === "ignored") {
        this.status.ignored++;
        continue;
      }
      const { stateMachineArn, ...change } = parsed.change;
      const list = byMachine.get(stateMachineArn) ?? [];
      list.push({ ...change, stateMachineArn });
      byMachine.set(stateMachineArn, list);
      this.status.lastEventAt = this.now();
    }
    for (const [machine, rows] of byMachine) {
      const target = this.route(machine);
      if (!target.ok) {
        this.unrouted(rows.length, target.why);
        continue;
      }
      // The store merges each event into its row (lib/events' rule) and says which rows changed.
      const written = await this.store.putListing(machine, rows, undefined, this.now());
      this.status.applied += written.length;
      if (written.length) await target.absorb(written);
    }
  }

  private readonly unroutedSaid = new Set<string>();

  private unrouted(count: number, why: string): void {
    this.status.unrouted = (this.status.unrouted ?? 0) + count;
    this.status.unroutedMessage = why;
    if (this.unroutedSaid.has(why)) return;
    this.unroutedSaid.add(why);
    console.warn(`[stepscope] events not stored (counted in /api/source): ${why}`);
  }

  /** A failure that repeats poll after poll is said once, until it changes or a poll goes through. */
  private readonly failures = new RepeatedFailureLog("consuming status-change events");

  private fail(error: unknown): void {
    const message = (error as Error).message ?? String(error);
    this.failures.failed(message);
    this.status.state = "failing";
    this.status.message = message;
  }
}
