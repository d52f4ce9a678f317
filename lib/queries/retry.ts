import { ApiError } from "./api-error";

/** Retry what may pass (throttling, an upstream outage), never what won't (bad ARN, not found). */
export function retryTransient(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError) return error.transient && failureCount < 3;
  return failureCount < 2;
}

/**
 * Honour Retry-After when the server gave one (up to 30 s); else a short back-off: the pages
 * show the problem from the first failed attempt on (see useQueryProblem) and poll on their own,
 * so retries are only there to ride over a blip.
 */
export function retryDelay(attempt: number, error: unknown): number {
  if (error instanceof ApiError && error.retryAfterSeconds) return Math.min(30_000, error.retryAfterSeconds * 1000);
  return Math.min(30_000, 500 * 2 ** attempt);
}
