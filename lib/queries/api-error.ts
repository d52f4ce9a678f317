import type { ApiErrorCode } from "@/lib/contract/api";

/** An error answered by our JSON API (or the network between the browser and it). */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode | "NETWORK",
    message: string,
    readonly status: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Worth retrying on its own: the upstream may come back (throttled, down, timed out). */
  get transient(): boolean {
    return ["THROTTLED", "UNAVAILABLE", "TIMEOUT", "NETWORK", "UPSTREAM", "INTERNAL"].includes(this.code);
  }
}
