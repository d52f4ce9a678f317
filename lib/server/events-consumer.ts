/**
 * Consumes Step Functions status-change events from SQS (STEPSCOPE_EVENTS_QUEUE_URL) into the
 * store: a new execution or a status change is stored within a long poll of its event, with no
 * ListExecutions spent. The store merges each event into the stored row by the order-free rule
 * of lib/events, and a message is deleted only after the store write committed, so a crash
 * re-delivers rather than loses. Only the lease holder consumes. A missing or denied queue is
 * reported (in /api/source) and retried slowly; polling carries on regardless.
 */
import "./server-only";
import { parseStatusChange } from "@/lib/events";
import type { EventsQueueStatus } from "@/lib/contract/api";
import type { EventsQueue, QueueMessage } from "@/lib/sfn/events-queue";
import type { Store, StoredExecution } from "@/lib/store";

export type EventsStatus = EventsQueueStatus;

export class EventsConsumer {
  readonly status: EventsStatus;

  constructor(
    private readonly store: Store,
    private readonly queue: EventsQueue,
    queueUrl: string,
    private readonly now: () => number,
    /** Told of every committed batch, so the lease holder's in-memory index shows it without a listing. */
    private readonly onStored?: (machineArn: string, rows: readonly StoredExecution[]) => void,
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
    try {
      await this.apply(messages);
      await this.queue.delete(messages);
      this.status.state = "consuming";
      this.status.message = undefined;
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
      // The store merges each event into its row (lib/events' rule) and says which rows changed.
      const written = await this.store.putListing(machine, rows, undefined, this.now());
      this.status.applied += written.length;
      if (written.length) this.onStored?.(machine, written);
    }
  }

  private fail(error: unknown): void {
    const message = (error as Error).message ?? String(error);
    if (this.status.state !== "failing" || this.status.message !== message) console.error(`[stepscope] ${message}`);
    this.status.state = "failing";
    this.status.message = message;
  }
}
