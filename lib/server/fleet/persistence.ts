/**
 * What the execution index needs from a store, and nothing more: the index stays in-memory
 * logic, and lib/server plugs the database in behind this interface. Absent (the `memory`
 * setting), the index lives and dies with the process.
 */
import type { ExecutionSummary, StateMachineSummary } from "@/lib/contract/api";
import type { ColumnArrays } from "./window-columns";

/** A stretch of the listing not read yet: executions started in [stopBelow, reachedStart), resumed at nextToken. */
export interface FillTask {
  nextToken: string;
  stopBelow: number;
  reachedStart: number;
}

/** Where a machine's walk stands; saved with the executions it read, in one transaction. */
export interface MachineCheckpoint {
  newestStart: number;
  coveredFrom: number;
  tasks: FillTask[];
  refreshedAt?: number;
  error?: string;
}

/**
 * A machine's window as columns, kept in the store beside the rows so a restart reads one block
 * instead of every row. A cache of the rows: it reflects every row written before `writtenUpTo`.
 */
export interface ColumnSnapshot {
  columns: ColumnArrays;
  /** The RUNNING executions as objects (the RUNNING refresh describes the ones that leave its list). */
  running: ExecutionSummary[];
  /** Every stored execution started at or after this was in the columns (-Infinity: no horizon yet). */
  windowFrom: number;
  /** Every row written before this was in the columns (a reader allows for clocks that disagree). */
  writtenUpTo: number;
}

export interface StoredMachine {
  /**
   * The rows read: with a snapshot, only those written since it (allowing for clock skew), to be
   * merged on top of it; without, every execution of the window.
   */
  executions: ExecutionSummary[];
  snapshot?: ColumnSnapshot;
  /** When the read began: a snapshot of what was read reflects every row written before it. */
  readAt?: number;
  checkpoint?: MachineCheckpoint;
  /** The newest write time among `executions` (what to pass as `since` next time). */
  updatedUpTo?: number;
}

export interface IndexPersistence {
  /**
   * What was stored for the machine, and its checkpoint: a snapshot of its columns covering
   * `since` and the rows written after it, else every execution started at or after `since`.
   */
  load(machineArn: string, since: number): Promise<StoredMachine>;
  /**
   * Stores the executions that changed and the checkpoint (and the columns, when given) at once:
   * a crash keeps all or none. The snapshot's arrays are views into the live index: they are
   * encoded before this returns its promise.
   */
  save(machineArn: string, changed: readonly ExecutionSummary[], checkpoint: MachineCheckpoint, snapshot?: ColumnSnapshot): Promise<void>;
  /** Stores the columns alone (right after a restart read the rows: the next restart reads the block). Encoded before this returns. */
  saveSnapshot(machineArn: string, snapshot: ColumnSnapshot): Promise<void>;
  /**
   * Whether this process is the one that calls Step Functions (several instances on one
   * database elect one). The others read what it stored through `changedSince`.
   */
  mayPoll(): boolean;
  /** What another process stored since this one last looked, and its checkpoint. */
  changedSince(machineArn: string, since: number): Promise<StoredMachine>;
  /** The machine's executions started in [from, to] (both inclusive). Lists read these: the index keeps only columns. */
  executionsBetween(machineArn: string, from: number, to: number): Promise<ExecutionSummary[]>;
  /** The machine's executions with one of `statuses`, started at or after `since`. */
  executionsWithStatus(machineArn: string, statuses: readonly ExecutionSummary["status"][], since: number): Promise<ExecutionSummary[]>;
  /** Executions of these machines whose name starts with `prefix` (case-insensitive), started at or after `since`: the newest `limit`. */
  executionsByNamePrefix(machineArns: readonly string[], prefix: string, since: number, limit: number): Promise<ExecutionSummary[]>;
  /** The state machines: listed upstream by the poller (and stored), read from the store by the others. */
  stateMachines(list: () => Promise<StateMachineSummary[]>): Promise<StateMachineSummary[]>;
}
