/**
 * Timing two (or more) things against each other on a shared, noisy machine: every contender is
 * warmed up first (so the JIT has optimised each before any timing counts), then the contenders
 * take turns round after round, so that a burst of load from elsewhere falls on all of them
 * alike. Each run is timed in wall time and in CPU time (process.cpuUsage, user + system, which
 * other processes' load does not inflate); medians of both are reported, and the median of the
 * ratios of runs that shared a round, which a change of load between rounds does not move.
 */
import v8 from "node:v8";
import vm from "node:vm";

export interface Timing {
  wallMs: number;
  cpuMs: number;
}

export interface Interleaved<K extends string> {
  medians: Record<K, Timing>;
  /** Each round's timings, contenders side by side. */
  rounds: Array<Record<K, Timing>>;
}

export interface InterleavedOptions {
  warmup?: number;
  rounds?: number;
  /** Collect garbage before each timed run, so none pays for the garbage another one left. */
  collectBetween?: boolean;
}

export function interleavedMedians<K extends string>(
  contenders: Record<K, () => unknown>,
  { warmup = 5, rounds = 15, collectBetween = true }: InterleavedOptions = {},
): Interleaved<K> {
  const names = Object.keys(contenders) as K[];
  for (let i = 0; i < warmup; i++) for (const name of names) contenders[name]();
  const wall = new Map<K, number[]>(names.map((n) => [n, []]));
  const cpu = new Map<K, number[]>(names.map((n) => [n, []]));
  const perRound: Array<Record<K, Timing>> = [];
  for (let round = 0; round < rounds; round++) {
    const timings = {} as Record<K, Timing>;
    // Alternate who goes first, so neither always runs right after a collection of the other's garbage.
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      if (collectBetween) collectGarbage();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      contenders[name]();
      const t1 = performance.now();
      const c = process.cpuUsage(c0);
      timings[name] = { wallMs: t1 - t0, cpuMs: (c.user + c.system) / 1000 };
      wall.get(name)!.push(timings[name].wallMs);
      cpu.get(name)!.push(timings[name].cpuMs);
    }
    perRound.push(timings);
  }
  const medians = {} as Record<K, Timing>;
  for (const name of names) medians[name] = { wallMs: median(wall.get(name)!), cpuMs: median(cpu.get(name)!) };
  return { medians, rounds: perRound };
}

/** The median over rounds of `of`'s time divided by `against`'s in the same round. */
export function medianRatio<K extends string>(t: Interleaved<K>, of: K, against: K, clock: keyof Timing): number {
  return median(t.rounds.map((r) => r[of][clock] / r[against][clock]));
}

export function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A full collection, when the runtime lets a script ask for one (Node does, through v8 flags). */
export function collectGarbage(): void {
  try {
    v8.setFlagsFromString("--expose-gc");
    (vm.runInNewContext("gc") as () => void)();
  } catch {
    // Not available: the timings then include some collection work of earlier runs.
  }
}
