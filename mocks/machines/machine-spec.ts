/** How one sample state machine is described: its definition, its traffic and its workers. */
import type { AslMachine } from "../sim/asl";
import type { ExecutionFacts, TaskBehaviour } from "../sim/behaviour";
import type { Json } from "../sim/jsonpath";
import type { Rng } from "../sim/random";

export interface MachineSpec {
  name: string;
  type: "STANDARD" | "EXPRESS";
  description: string;
  /** When the machine was created (fixed, so the account is the same every day). */
  createdMs: number;
  definition: AslMachine;
  /** One possible execution per slot of this many seconds; 0 means no backfill (Express). */
  slotSeconds: number;
  /** Chance that a slot starting at `tMs` holds an execution: the traffic shape over the day. */
  density(tMs: number): number;
  makeInput(rng: Rng, startMs: number): Json;
  makeTraits(rng: Rng, startMs: number): ExecutionFacts["traits"];
  behaviours: Record<string, TaskBehaviour>;
  /** Chance that someone stops an execution by hand while it runs. */
  abortChance: number;
  /**
   * No execution of this machine is still running this long after it started (its seeded
   * redrives included): ListExecutions(RUNNING) looks no further back.
   */
  longestLifeMs: number;
  /**
   * How long after a failed attempt an operator redrives the execution (the n-th redrive is
   * `redriveCount`), or undefined if nobody does. The rest of the machine stays the same: a
   * behaviour sees `redriveCount` and may answer differently (the bug was fixed meanwhile).
   */
  redriveDelayMs?(rng: Rng, error: string, redriveCount: number): number | undefined;
}

const HOUR = 3_600_000;
export const HOUR_MS = HOUR;

/** Hour of day in UTC, fractional. */
export function hourOfDay(tMs: number): number {
  return ((tMs % (24 * HOUR)) + 24 * HOUR) % (24 * HOUR) / HOUR;
}

/** Traffic that peaks at `peakHour` (UTC) and bottoms out 12 hours later. */
export function dailyWave(tMs: number, peakHour: number, low: number, high: number): number {
  const phase = ((hourOfDay(tMs) - peakHour) / 24) * 2 * Math.PI;
  return low + (high - low) * (0.5 + 0.5 * Math.cos(phase));
}
