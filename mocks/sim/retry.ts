/** Which Retry/Catch entry applies to an error, and how long the back-off is. */
import { errorMatches } from "../../lib/postmortem/retry-catch";
import type { Catcher, Retrier } from "./asl";

/** The matching rule is the UI's (lib/postmortem), so the demo never retries what the page says it would not. */
export { errorMatches };

export function findRetrier(retriers: readonly Retrier[] | undefined, error: string): number {
  return (retriers ?? []).findIndex((r) => errorMatches(r.ErrorEquals, error));
}

export function findCatcher(catchers: readonly Catcher[] | undefined, error: string): Catcher | undefined {
  return (catchers ?? []).find((c) => errorMatches(c.ErrorEquals, error));
}

/**
 * Delay before retry number `retriesSoFar + 1` of one retrier: IntervalSeconds × BackoffRate^n,
 * capped by MaxDelaySeconds; with JitterStrategy FULL, a uniform draw below that.
 */
export function retryDelayMs(retrier: Retrier, retriesSoFar: number, random: () => number): number {
  const interval = retrier.IntervalSeconds ?? 1;
  const backoff = retrier.BackoffRate ?? 2;
  let seconds = interval * Math.pow(backoff, retriesSoFar);
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === "FULL") seconds = seconds * random();
  return Math.round(seconds * 1000);
}

export function maxAttempts(retrier: Retrier): number {
  return retrier.MaxAttempts ?? 3;
}
