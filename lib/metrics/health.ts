/**
 * The health score behind "unhealthy first". Higher is worse; 0 means no errors.
 *
 *   score = weighted error rate × log10(1 + weighted finished executions)
 *
 * where each bucket's errors and finished executions are weighted by recency: the newest bucket
 * counts 1, and the weight halves every quarter of the window. So:
 * - error RATE drives it (a machine failing 10% of 10,000 runs is worse than one failing 1% of them);
 * - VOLUME raises it slowly (one failed run out of one scores 0.30, 100 out of 1,000 scores 0.30,
 *   10 out of 10 scores 1.04), so a single unlucky run does not outrank a busy machine in trouble;
 * - RECENT errors count more (a machine that failed an hour ago and has recovered sinks below one
 *   that is failing now).
 */
export function healthScore(errorsPerBucket: ArrayLike<number>, finishedPerBucket: ArrayLike<number>): number {
  const n = Math.min(errorsPerBucket.length, finishedPerBucket.length);
  if (n === 0) return 0;
  const halfLife = Math.max(1, n / 4);
  let weightedErrors = 0;
  let weightedFinished = 0;
  for (let k = 0; k < n; k++) {
    const weight = Math.pow(0.5, (n - 1 - k) / halfLife);
    weightedErrors += weight * errorsPerBucket[k];
    weightedFinished += weight * finishedPerBucket[k];
  }
  if (weightedFinished <= 0) return 0;
  return (weightedErrors / weightedFinished) * Math.log10(1 + weightedFinished);
}

export interface HealthRanked {
  name: string;
  health: number;
  errors: number;
  started: number;
}

/** Unhealthy first: by score, then by error count, then busiest, then name (stable for ties). */
export function compareByHealth(a: HealthRanked, b: HealthRanked): number {
  return b.health - a.health || b.errors - a.errors || b.started - a.started || a.name.localeCompare(b.name);
}
