/**
 * The failure ledger's records kept in the store, so a restarted process has every error group
 * again without reading a failed execution's history a second time.
 *
 * The ledger asks synchronously (a request groups what is known and never waits on a database),
 * so the newest records are loaded into memory at start and every new record is written through
 * in the background, batched. A write that fails is logged and the record stays in memory: the
 * worst case is one more history read after the next restart, never a wrong group.
 *
 * Each history read also tells the execution's own error and cause (ListExecutions carries
 * neither): they are written back to its row in the same transaction, so search finds the
 * execution by them with no second read.
 *
 * Only failures are stored: a failed-listed execution whose history shows no failure (redriven
 * and running again) keeps no row, since every row of `failure_records` counts in an error group.
 * It is read again after a restart, once.
 */
import "./server-only";
import type { ExecutionStatusName, ExecutionSummary } from "@/lib/contract/api";
import { NO_ERROR_NAME, normaliseCause, type FailureRecord } from "@/lib/metrics";
import { memoryFailureStore, type FailedExecutionRef, type FailureRecordStore, type KnownFailure } from "@/lib/server/fleet";
import type { FailureRecordRow, Store } from "@/lib/store";

/** As many records as the in-memory ledger keeps (a few hundred bytes each). */
const DEFAULT_MAX_RECORDS = 200_000;

export interface StoredFailures extends FailureRecordStore {
  /** Records loaded at start. */
  readonly loaded: number;
  /** Resolves when every record set so far is written (tests, and before the store closes). */
  flush(): Promise<void>;
}

/** `now`: the clock execution rows are stamped with when a history's outcome is written back. */
export async function loadStoredFailures(store: Store, maxRecords = DEFAULT_MAX_RECORDS, now: () => number = Date.now): Promise<StoredFailures> {
  const memory = memoryFailureStore(maxRecords);
  const rows = await store.recentFailures(maxRecords);
  // Oldest first: the memory store lets the oldest written go first when full.
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    memory.set({ arn: row.executionArn, stateMachineArn: row.machineArn, startedAt: row.startedAt }, knownOf(row));
  }

  // By ARN, the last one set winning: one statement may not upsert a row twice (Postgres refuses).
  let pending = new Map<string, FailureRecordRow>();
  // What each history said of its execution, written back to the execution rows (error, cause,
  // a redrive since the listing), merged there by the store's one rule.
  let outcomes = new Map<string, ExecutionSummary>();
  let writing: Promise<void> = Promise.resolve();
  const writePending = () => {
    const batch = [...pending.values()];
    const executions = [...outcomes.values()];
    pending = new Map();
    outcomes = new Map();
    if (batch.length === 0 && executions.length === 0) return;
    writing = writing.then(() =>
      store.putFailures(batch, { executions, now: now() }).catch((error: unknown) => {
        console.error(`[stepscope] could not keep ${batch.length} failure records in the store: ${(error as Error).message}`);
      }),
    );
  };
  const schedule = () => {
    if (pending.size === 0 && outcomes.size === 0) setImmediate(writePending);
  };

  return {
    loaded: rows.length,
    get: (arn) => memory.get(arn),
    set(execution, known) {
      memory.set(execution, known);
      // Reads finish one by one: gather the ones of this turn of the event loop into one transaction.
      if (known.execution) {
        schedule();
        outcomes.set(execution.arn, known.execution);
      }
      if (!known.record) {
        pending.delete(execution.arn);
        return;
      }
      schedule();
      pending.set(execution.arn, rowOf(execution, known.status, known.record));
    },
    async flush() {
      writePending();
      await writing;
    },
  };
}

/**
 * The error group's key: the error and normalised cause `groupErrors` groups by, so GROUP BY in
 * the store agrees with it. Joined by the unit separator, not NUL: Postgres text cannot hold NUL.
 */
export function groupKeyOf(record: Pick<FailureRecord, "error" | "cause">): string {
  return `${record.error || NO_ERROR_NAME}\u001f${normaliseCause(record.cause ?? "")}`;
}

function rowOf(execution: FailedExecutionRef, status: ExecutionStatusName, record: FailureRecord): FailureRecordRow {
  return {
    executionArn: execution.arn,
    machineArn: execution.stateMachineArn,
    startedAt: execution.startedAt,
    // The failure's time (the stop, else the start: see failureFromModel), which is what groups count by.
    stoppedAt: record.at,
    status,
    stateName: record.state,
    error: record.error,
    cause: record.cause,
    groupKey: groupKeyOf(record),
  };
}

function knownOf(row: FailureRecordRow): KnownFailure {
  return {
    status: row.status as ExecutionStatusName,
    record: {
      executionArn: row.executionArn,
      executionName: nameOf(row.executionArn),
      at: row.stoppedAt ?? row.startedAt,
      state: row.stateName,
      error: row.error,
      cause: row.cause,
    },
  };
}

/** An execution's name is the last part of its ARN (…:execution:machine:name). */
function nameOf(executionArn: string): string {
  return executionArn.slice(executionArn.lastIndexOf(":") + 1);
}
