/**
 * The scopes' health in a few words, worst first, for the switcher's button: "4 sources · 1
 * denied · 3 ok". Pure.
 */
import type { SourceHealthState, SourceScope } from "@/lib/contract/api";

/** Worst first: what needs attention leads. */
export const HEALTH_WORST_FIRST: readonly SourceHealthState[] = ["denied", "down", "throttled", "loading", "ok"];

export interface HealthCount {
  state: SourceHealthState;
  count: number;
}

export function healthCounts(scopes: readonly Pick<SourceScope, "health">[]): HealthCount[] {
  return HEALTH_WORST_FIRST.map((state) => ({ state, count: scopes.filter((s) => s.health.state === state).length })).filter((c) => c.count > 0);
}

/** The worst state among the scopes (ok when there are none). */
export function worstHealth(scopes: readonly Pick<SourceScope, "health">[]): SourceHealthState {
  return healthCounts(scopes)[0]?.state ?? "ok";
}
