/** How long things stay fresh in the shared cache. Running things change; finished ones never do. */
import { FOREVER } from "./cache";

export const TTL = {
  stateMachineList: 5_000,
  stateMachineDescription: 10_000,
  executionList: 2_000,
  runningExecution: 2_000,
  runningMapRun: 2_000,
  counts: 10_000,
  /** A running execution's history is re-synced at most this often, however many viewers poll. */
  runningHistory: 1_000,
  /** A failed execution's history is checked for a redrive at most this often. */
  redrivableHistory: 60_000,
  finished: FOREVER,
} as const;
