/**
 * What the execution index needs from a store, and nothing more: the index stays in-memory
 * logic, and lib/server plugs the database in behind this interface. Absent (the `memory`
 * setting), the index lives and dies with the process.
 */
import type { ExecutionSummary, StateMachineSummary } from "@/lib/contract/api";

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

export interface StoredMachine {
  executions: ExecutionSummary[];
  checkpoint?: MachineCheckpoint;
  /** The newest write time among `executions` (what to pass as `since` next time). */
  updatedUpTo?: number;
}

export interface IndexPersistence {
  /** What was stored for the machine: executions started at or after `since`, and its checkpoint. */
  load(machineArn: string, since: number): Promise<StoredMachine>;
  /** Stores the executions that changed and the checkpoint at once: a crash keeps both or neither. */
  save(machineArn: string, changed: readonly ExecutionSummary[], checkpoint: MachineCheckpoint): Promise<void>;
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
