/**
 * Totals of fleet rows, per scope and over the whole answer. Pure. The fleet's totals are the
 * sum of the scopes' totals by construction: both are sums of the same rows' summaries.
 */
import type { FleetRow, FleetTotals, StatusCounts } from "@/lib/contract/api";
import { emptyCounts } from "@/lib/sfn/counts";

/** Machines, executions started in the window, and executions by status, over these rows. */
export function totalsOfRows(rows: readonly FleetRow[]): FleetTotals {
  const counts = emptyCounts();
  let started = 0;
  for (const row of rows) {
    const s = row.summary;
    if (!s) continue;
    started += s.started;
    counts.RUNNING += s.runningNow;
    counts.SUCCEEDED += s.succeeded;
    counts.FAILED += s.failed;
    counts.TIMED_OUT += s.timedOut;
    counts.ABORTED += s.aborted;
    counts.PENDING_REDRIVE += s.pendingRedrive;
  }
  return { machines: rows.length, started, counts };
}

export function sumTotals(parts: readonly FleetTotals[]): FleetTotals {
  const total: FleetTotals = { machines: 0, started: 0, counts: emptyCounts() };
  for (const part of parts) {
    total.machines += part.machines;
    total.started += part.started;
    for (const key of Object.keys(total.counts) as (keyof StatusCounts)[]) total.counts[key] += part.counts[key];
  }
  return total;
}
