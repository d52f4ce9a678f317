/**
 * The execution index kept in the store: the narrow interface lib/server/fleet asks for, over
 * lib/store. Which process may poll is the lease's answer.
 */
import "./server-only";
import type { ExecutionStatusName, ExecutionSummary, StateMachineSummary } from "@/lib/contract/api";
import type { IndexPersistence, MachineCheckpoint, StoredMachine } from "@/lib/server/fleet/persistence";
import type { Store } from "@/lib/store";
import { completeFrom, decodeCheckpoint, encodeCheckpoint } from "./checkpoint-json";

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
    // better-sqlite3 answers synchronously: without a turn of the event loop between loads, a
    // chain of hundreds of them runs as one task and no timer (the fleet answer's deadline) fires.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const [updatedUpTo, executions, cursor] = await Promise.all([this.store.lastUpdate(machineArn), this.store.executionFacts(machineArn, since), this.store.cursor(machineArn)]);
    return { executions, checkpoint: cursor ? decodeCheckpoint(cursor.state) : undefined, updatedUpTo };
  }

  async save(machineArn: string, changed: StoredMachine["executions"], checkpoint: MachineCheckpoint): Promise<void> {
    const now = this.options.now();
    await this.store.putListing(
      machineArn,
      changed,
      { state: encodeCheckpoint(checkpoint), completeFrom: completeFrom(checkpoint), partial: checkpoint.tasks.length > 0, updatedAt: now },
      now,
    );
  }

  async changedSince(machineArn: string, since: number): Promise<StoredMachine> {
    const [changed, cursor] = await Promise.all([this.store.changedSince(machineArn, since), this.store.cursor(machineArn)]);
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
