import { ApiError } from "./api-error";

/** Retry what may pass (throttling, an upstream outage), never what won't (bad ARN, not found). */
export function retryTransient(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError) return error.transient && failureCount < 3;
  return failureCount < 2;
}

/** Honour Retry-After when the server gave one; else exponential back-off capped at 30 s. */
export function retryDelay(attempt: number, error: unknown): number {
  if (error instanceof ApiError && error.retryAfterSeconds) return error.retryAfterSeconds * 1000;
  return Math.min(30_000, 1000 * 2 ** attempt);
}
