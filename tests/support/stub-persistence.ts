/**
 * An index persistence with nothing behind it: loads nothing, keeps nothing, may poll. Tests
 * override what they watch (a load that answers a stored machine, a save that records).
 */
import type { IndexPersistence } from "@/lib/server/fleet/persistence";

export function stubPersistence<T extends Partial<IndexPersistence>>(over: T = {} as T): IndexPersistence & T {
  return {
    load: async () => ({ executions: [] }),
    save: async () => {},
    saveSnapshot: async () => {},
    mayPoll: () => true,
    changedSince: async () => ({ executions: [] }),
    executionsBetween: async () => [],
    executionsWithStatus: async () => [],
    executionsByNamePrefix: async () => [],
    stateMachines: async () => [],
    ...over,
  };
}
