/**
 * Every failure of the index, attributed to its failing state: each failed execution's history
 * is read once (a finished execution never changes; a redrive changes its listed status, and
 * only then is it read again), reduced to a FailureRecord and kept.
 *
 * Reading runs in the background, newest failures first, paced by a token bucket of its own
 * (`failureReadsPerSecond`) so that a week of failures never spends the GetExecutionHistory
 * quota the execution pages need. A request never waits for it: it groups what is known and
 * says how many of how many failures are in.
 *
 * The records sit behind `FailureRecordStore` (get/set by ARN) so a persistent store can keep
 * them across restarts.
 */
import type { ExecutionStatusName, ExecutionSummary } from "@/lib/contract/api";
import { foldHistory, type ExecutionModel } from "@/lib/history";
import { failureFromModel, type FailureRecord } from "@/lib/metrics";
import type { SfnContext } from "@/lib/sfn/context";
import { readHistoryOnce } from "@/lib/sfn/history-sync";
import { TokenBucket } from "@/lib/sfn/token-bucket";

/** What was learnt from one failed execution's history, for the status it was listed with. */
export interface KnownFailure {
  status: ExecutionStatusName;
  /** Undefined when the history shows no failure (e.g. redriven and running again). */
  record?: FailureRecord;
  /**
   * The execution as its history ends: its status, try, error and cause (absent for records
   * loaded back from a store). A store writes it back to the execution's row, so the error and
   * cause are searchable without a second read.
   */
  execution?: ExecutionSummary;
}

/**
 * Whether what was read still answers for the execution as listed now: the same status, and the
 * same try when both say (a redrive that failed again is a new failure to read).
 */
function stillKnown(known: KnownFailure | undefined, listed: ExecutionSummary): known is KnownFailure {
  if (!known || known.status !== listed.status) return false;
  const tried = known.execution?.redriveCount;
  return tried === undefined || listed.redriveCount === undefined || tried === listed.redriveCount;
}

/** The execution as the history read says it stands now (a redrive since the listing included). */
export function executionFromHistory(listed: ExecutionSummary, model: ExecutionModel): ExecutionSummary | undefined {
  if (model.status === "UNKNOWN") return undefined;
  const e: ExecutionSummary = { arn: listed.arn, name: listed.name, stateMachineArn: listed.stateMachineArn, startedAt: listed.startedAt, status: model.status, redriveCount: model.redrives.length };
  const stoppedAt = model.status === "RUNNING" ? undefined : (model.stoppedAt ?? listed.stoppedAt);
  if (stoppedAt !== undefined) e.stoppedAt = stoppedAt;
  if (model.status !== "RUNNING" && model.error !== undefined) e.error = model.error;
  if (model.status !== "RUNNING" && model.cause !== undefined) e.cause = model.cause;
  if (listed.mapRunArn) e.mapRunArn = listed.mapRunArn;
  return e;
}

/** What a store needs of the execution to file its failure (by machine and start, for windows and retention). */
export type FailedExecutionRef = Pick<ExecutionSummary, "arn" | "stateMachineArn" | "startedAt">;

/** Synchronous on purpose: a request groups what is known without waiting on a database. */
export interface FailureRecordStore {
  get(executionArn: string): KnownFailure | undefined;
  set(execution: FailedExecutionRef, known: KnownFailure): void;
}

/**
 * Records in memory, at most `maxRecords` (a few hundred bytes each); the oldest written go
 * first: they belong to executions that have left the 7-day horizon.
 */
export function memoryFailureStore(maxRecords = 200_000): FailureRecordStore {
  const map = new Map<string, KnownFailure>();
  return {
    get: (arn) => map.get(arn),
    set: ({ arn }, known) => {
      map.delete(arn);
      map.set(arn, known);
      while (map.size > maxRecords) {
        const oldest = map.keys().next().value;
        if (oldest === undefined) break;
        map.delete(oldest);
      }
    },
  };
}

export interface FailureReadingOptions {
  /** GetExecutionHistory reads per second spent on failures (one read per failure, more for histories over 1,000 events). */
  readsPerSecond: number;
  /** Reads at once. */
  concurrency: number;
}

export interface FailuresInWindow {
  /** Records of the failures whose history is read, in the order given. */
  records: FailureRecord[];
  /** Failed executions of the window whose history is not read yet, in the order given. */
  unread: ExecutionSummary[];
}

export class FailureLedger {
  private readonly store: FailureRecordStore;
  private readonly pacer: TokenBucket;
  /** Per machine: the failures still to read, newest first (replaced by each request: the latest window wins). */
  private readonly queues = new Map<string, ExecutionSummary[]>();
  /** Failures a reader has taken and not yet recorded: a re-queued copy of one is skipped, not read twice. */
  private readonly taken = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  /** GetExecutionHistory syncs started for failures. */
  reads = 0;
  /** The last read's failure, kept to say why reading stopped. */
  lastError?: string;

  constructor(
    private readonly options: FailureReadingOptions,
    store: FailureRecordStore = memoryFailureStore(),
    private readonly clock: () => number = Date.now,
  ) {
    this.store = store;
    this.pacer = new TokenBucket({ burst: Math.max(1, options.readsPerSecond), perSecond: options.readsPerSecond }, clock());
  }

  /** Splits failed executions into those already read and those still to read. */
  lookUp(failed: readonly ExecutionSummary[]): FailuresInWindow {
    const records: FailureRecord[] = [];
    const unread: ExecutionSummary[] = [];
    for (const execution of failed) {
      const known = this.store.get(execution.arn);
      if (stillKnown(known, execution)) {
        if (known.record) records.push(known.record);
      } else unread.push(execution);
    }
    return { records, unread };
  }

  /** Records what a history read (here, or elsewhere: the page's sample) says, so it is not read twice. */
  remember(execution: ExecutionSummary, model: ExecutionModel): void {
    this.store.set(execution, { status: execution.status, record: failureFromModel(execution, model), execution: executionFromHistory(execution, model) });
  }

  /** Queues the machine's unread failures (newest first) and makes sure a reader works through them. */
  readInBackground(ctx: SfnContext, machineArn: string, unread: readonly ExecutionSummary[]): void {
    this.queues.set(machineArn, [...unread]);
    if (unread.length === 0 || this.running.has(machineArn)) return;
    const work = this.drain(ctx, machineArn).finally(() => this.running.delete(machineArn));
    this.running.set(machineArn, work);
  }

  /** Whether a reader works through the machine's failures right now. */
  reading(machineArn: string): boolean {
    return this.running.has(machineArn);
  }

  /** Resolves when the machine's reader has nothing left to do (for tests and the bench). */
  async settled(machineArn: string): Promise<void> {
    while (this.running.has(machineArn)) await this.running.get(machineArn);
  }

  private async drain(ctx: SfnContext, machineArn: string): Promise<void> {
    const worker = async () => {
      for (;;) {
        const execution = this.queues.get(machineArn)?.shift();
        if (!execution) return;
        if (stillKnown(this.store.get(execution.arn), execution)) continue;
        // Another reader has it (a request re-queued it while that reader waited on the pacer).
        if (this.taken.has(execution.arn)) continue;
        this.taken.add(execution.arn);
        try {
          const wait = this.pacer.reserve(this.clock(), Number.POSITIVE_INFINITY) ?? 0;
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          this.reads++;
          // Not kept in the shared cache: only the small record is.
          const history = await readHistoryOnce(ctx, execution.arn);
          this.remember(execution, foldHistory(history.events));
          this.lastError = undefined;
        } catch (error) {
          // Throttled or unreachable: stop here; the next request queues what is still unread.
          this.lastError = error instanceof Error ? error.message : String(error);
          this.queues.set(machineArn, []);
          return;
        } finally {
          this.taken.delete(execution.arn);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency) }, worker));
  }
}
