/**
 * A machine's walk checkpoint as the text the store keeps. Pure. JSON has no Infinity, and
 * the walk uses ±Infinity for "nothing seen yet": those travel as null.
 */
import type { MachineCheckpoint } from "@/lib/server/fleet/persistence";

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

export function encodeCheckpoint(c: MachineCheckpoint): string {
  return JSON.stringify({ v: 1, newestStart: finite(c.newestStart), coveredFrom: finite(c.coveredFrom), tasks: c.tasks, refreshedAt: c.refreshedAt, error: c.error });
}

export function decodeCheckpoint(text: string): MachineCheckpoint | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== "object" || raw === null || (raw as { v?: unknown }).v !== 1) return undefined;
  const r = raw as { newestStart: number | null; coveredFrom: number | null; tasks?: MachineCheckpoint["tasks"]; refreshedAt?: number; error?: string };
  return {
    newestStart: r.newestStart ?? -Infinity,
    coveredFrom: r.coveredFrom ?? Infinity,
    tasks: Array.isArray(r.tasks) ? r.tasks.filter((t) => typeof t?.nextToken === "string" && typeof t.stopBelow === "number" && typeof t.reachedStart === "number") : [],
    refreshedAt: typeof r.refreshedAt === "number" ? r.refreshedAt : undefined,
    error: typeof r.error === "string" ? r.error : undefined,
  };
}

/**
 * Every execution started at or after this is stored (the cursor's complete_from column), the
 * same rule as the index's isComplete; undefined while no stretch of time is known whole.
 */
export function completeFrom(c: MachineCheckpoint): number | undefined {
  if (!Number.isFinite(c.coveredFrom)) return undefined;
  const from = c.tasks.reduce((m, t) => Math.max(m, t.reachedStart), c.coveredFrom);
  return Number.isFinite(from) ? from : undefined;
}
