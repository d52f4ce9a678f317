/**
 * The execution index kept in the store: the narrow interface lib/server/fleet asks for, over
 * lib/store. Which process may poll is the lease's answer.
 */
import "./server-only";
import type { ExecutionStatusName, ExecutionSummary, StateMachineSummary } from "@/lib/contract/api";
import type { ColumnSnapshot, IndexPersistence, MachineCheckpoint, StoredMachine } from "@/lib/server/fleet/persistence";
import type { ChangedPage, ExecutionPage, Store, StoredExecution } from "@/lib/store";
import { completeFrom, decodeCheckpoint, encodeCheckpoint } from "./checkpoint-json";
import { decodeColumnSnapshot, encodeColumnSnapshot } from "./column-snapshot";
import { nextTurn } from "./turns";

/**
 * How far back of a snapshot's `writtenUpTo` a restart reads rows again: rows carry their
 * writer's clock, and a poller that took over from another may run a little behind it.
 * Re-reading a row is harmless (the merge rule keeps what ranks higher).
 */
export const SNAPSHOT_OVERLAP_MS = 60_000;

/**
 * Rows a load without a usable block reads at a time: about 15 ms of better-sqlite3's work. A
 * machine's whole window at 20,000 executions a week took 120 ms in one read.
 */
export const LOAD_PAGE_ROWS = 2_500;

export interface StoreIndexPersistenceOptions {
  /** Whether this process holds the poller lease right now. */
  mayPoll: () => boolean;
  now: () => number;
  /**
   * Whether a stored machine is this scope's: several account × Region scopes share one store,
   * and each shows (and reads CloudWatch figures for) only its own. Every machine when absent.
   */
  owns?: (machineArn: string) => boolean;
}

export class StoreIndexPersistence implements IndexPersistence {
  /** The last list of state machines this process wrote, as JSON. */
  private machinesWritten?: string;

  constructor(
    private readonly store: Store,
    private readonly options: StoreIndexPersistenceOptions,
  ) {}

  mayPoll(): boolean {
    return this.options.mayPoll();
  }

  async load(machineArn: string, since: number): Promise<StoredMachine> {
    // Every piece of a load has a turn of the event loop to itself (see nextTurn): a synchronous
    // driver's reads of hundreds of machines would otherwise hold the loop for seconds.
    await nextTurn();
    const readAt = this.options.now();
    const [updatedUpTo, block, cursor] = await Promise.all([this.store.lastUpdate(machineArn), this.store.indexColumns(machineArn), this.store.cursor(machineArn)]);
    const checkpoint = cursor ? decodeCheckpoint(cursor.state) : undefined;
    // A block this build cannot read, or one kept for a narrower window than asked, is passed
    // over: the rows are the truth, and reading them all is only slower.
    const snapshot = block ? decodeColumnSnapshot(block) : undefined;
    if (snapshot && snapshot.windowFrom <= since) {
      // The rows written since the block, in pages too: a machine with a million executions a
      // week rewrites its block only every eighth of its window, so that can be 125,000 rows.
      const executions = await readInPages<ChangedPage["after"]>(async (after) => {
        const page = await this.store.changedSince(machineArn, snapshot.writtenUpTo - SNAPSHOT_OVERLAP_MS, { limit: LOAD_PAGE_ROWS, after });
        const last = page.executions.at(-1);
        return { rows: page.executions.filter((e) => e.startedAt >= since), read: page.executions.length, next: last && page.updatedUpTo !== undefined ? { updatedAt: page.updatedUpTo, arn: last.arn } : undefined };
      });
      return { snapshot, executions, checkpoint, updatedUpTo, readAt };
    }
    const executions = await readInPages<ExecutionPage["after"]>(async (after) => {
      const page = await this.store.executionFacts(machineArn, since, { limit: LOAD_PAGE_ROWS, after });
      return { rows: page, read: page.length, next: page.at(-1) };
    });
    return { executions, checkpoint, updatedUpTo, readAt };
  }

  async save(machineArn: string, changed: StoredMachine["executions"], checkpoint: MachineCheckpoint, snapshot?: ColumnSnapshot): Promise<void> {
    const now = this.options.now();
    // Encoded now: the snapshot's arrays are the live index's, which the next change rewrites.
    const columns = snapshot && encodeColumnSnapshot(snapshot);
    await this.store.putListing(
      machineArn,
      changed,
      { state: encodeCheckpoint(checkpoint), completeFrom: completeFrom(checkpoint), partial: checkpoint.tasks.length > 0, updatedAt: now },
      now,
      columns,
    );
  }

  async saveSnapshot(machineArn: string, snapshot: ColumnSnapshot): Promise<void> {
    const body = encodeColumnSnapshot(snapshot);
    await nextTurn();
    await this.store.putIndexColumns(machineArn, body, this.options.now());
  }

  async changedSince(machineArn: string, since: number): Promise<StoredMachine> {
    // The cursor first: the poller commits rows and cursor together, so rows read after the
    // cursor hold at least what it vouches for, whatever commit lands between the two reads.
    const cursor = await this.store.cursor(machineArn);
    const changed = await this.store.changedSince(machineArn, since);
    return { executions: changed.executions, updatedUpTo: changed.updatedUpTo, checkpoint: cursor ? decodeCheckpoint(cursor.state) : undefined };
  }

  executionsBetween(machineArn: string, from: number, to: number): Promise<ExecutionSummary[]> {
    return this.store.executionsBetween(machineArn, from, to);
  }

  executionsWithStatus(machineArn: string, statuses: readonly ExecutionStatusName[], since: number): Promise<ExecutionSummary[]> {
    return this.store.executionsWithStatus(machineArn, statuses, since);
  }

  executionsByNamePrefix(machineArns: readonly string[], prefix: string, since: number, limit: number): Promise<ExecutionSummary[]> {
    return this.store.executionsByNamePrefix(machineArns, prefix, since, limit);
  }

  async stateMachines(list: () => Promise<StateMachineSummary[]>): Promise<StateMachineSummary[]> {
    if (!this.mayPoll()) return this.storedMachines();
    const machines = await list();
    // Every fleet answer asks, and the list is the same on almost all of them (cached, and
    // machines change rarely): an upsert of every machine per answer was most of a small
    // window's answer. Written again only when what was listed changed.
    const listed = JSON.stringify(machines);
    if (listed !== this.machinesWritten) {
      await this.store.putStateMachines(machines, this.options.now());
      this.machinesWritten = listed;
    }
    return machines;
  }

  /** This scope's machines as the store holds them (no listing): what the last poller listed for it. */
  async storedMachines(): Promise<StateMachineSummary[]> {
    const { owns } = this.options;
    const stored = await this.store.stateMachines();
    return stored.filter((m) => !owns || owns(m.arn)).map(({ definition: _definition, ...summary }) => summary);
  }
}

/**
 * Every row of a keyset-paged read of LOAD_PAGE_ROWS a page, each page in a turn of the event
 * loop of its own, and a turn after the last for the caller's merge. `read` is how many rows the
 * page held before the caller kept `rows` of them: a short page is the last.
 */
async function readInPages<After>(page: (after: After | undefined) => Promise<{ rows: StoredExecution[]; read: number; next: After | undefined }>): Promise<StoredExecution[]> {
  const out: StoredExecution[] = [];
  for (let after: After | undefined; ; ) {
    await nextTurn();
    const { rows, read, next } = await page(after);
    for (const e of rows) out.push(e);
    if (read < LOAD_PAGE_ROWS || next === undefined) break;
    after = next;
  }
  // The caller's merge of what was read is a piece of its own.
  await nextTurn();
  return out;
}
