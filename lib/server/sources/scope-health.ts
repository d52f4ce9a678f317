/**
 * A scope's health, read from what its last calls said. Pure (the clock is passed in).
 * A throttle is remembered for a minute after the last one, then the source reads ok again
 * if it answered since; a source that never answered and never failed is still loading.
 */
import type { SourceHealth } from "@/lib/contract/api";
import type { SourceOutcome } from "@/lib/sfn/context";

export const THROTTLE_SHOWN_MS = 60_000;

export function scopeHealth(outcome: SourceOutcome, now: number): SourceHealth {
  const { failure, answeredAt } = outcome;
  if (failure) {
    const checkedAt = failure.at;
    switch (failure.code) {
      case "ACCESS_DENIED":
      case "UNAUTHORIZED":
        return { state: "denied", message: failure.message, checkedAt };
      case "THROTTLED":
        if (now - failure.at < THROTTLE_SHOWN_MS) return { state: "throttled", message: failure.message, checkedAt };
        break;
      default:
        return { state: "down", message: failure.message, checkedAt };
    }
  }
  if (answeredAt === undefined) return { state: "loading" };
  return { state: "ok", checkedAt: answeredAt };
}
