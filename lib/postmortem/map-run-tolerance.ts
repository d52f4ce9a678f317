import type { MapRunDescription } from "@/lib/contract/api";

export interface MapRunTolerance {
  /** ToleratedFailurePercentage (0 when unset). */
  percentage: number;
  /** ToleratedFailureCount (0 when unset). */
  count: number;
  /** Items that failed or timed out (DescribeMapRun's item counts). */
  failedItems: number;
  totalItems: number;
  /** failedItems as a percentage of totalItems. */
  failedPercent: number;
  /** True when the failures went over a threshold (or the map run failed saying so). */
  exceeded: boolean;
  /** Which threshold was gone over first, when one was. */
  exceededBy?: "percentage" | "count";
  /** "Tolerates 10% or 5 items · 3 of 100 items failed (3%) · within the threshold" */
  text: string;
}

const EXCEEDED_ERROR = "States.ExceedToleratedFailureThreshold";

/**
 * The map run's tolerated failure threshold and whether it was exceeded. Step Functions fails
 * the map run when the failed items go over either threshold; with neither set, none is
 * tolerated. Failed and timed-out items count; aborted ones do not, because Step Functions
 * aborts the rest when the run fails, and counting those would make every failure look bigger.
 * When the map run itself failed with States.ExceedToleratedFailureThreshold, that settles it.
 */
export function mapRunTolerance(run: Pick<MapRunDescription, "toleratedFailurePercentage" | "toleratedFailureCount" | "itemCounts">, mapRunError?: string): MapRunTolerance {
  const percentage = finite(run.toleratedFailurePercentage);
  const count = Math.floor(finite(run.toleratedFailureCount));
  const failedItems = run.itemCounts.failed + run.itemCounts.timedOut;
  const totalItems = run.itemCounts.total;
  const failedPercent = totalItems > 0 ? (failedItems / totalItems) * 100 : 0;
  const exceededBy = toleranceExceededBy(failedItems, totalItems, { percentage, count });
  const exceeded = exceededBy !== undefined || mapRunError === EXCEEDED_ERROR;
  const tolerates =
    percentage > 0 && count > 0
      ? `Tolerates ${formatPercent(percentage)} or ${plural(count, "item")}`
      : percentage > 0
        ? `Tolerates ${formatPercent(percentage)} of items`
        : count > 0
          ? `Tolerates ${plural(count, "failed item")}`
          : "Tolerates no failures";
  const failed = `${failedItems.toLocaleString("en-US")} of ${plural(totalItems, "item")} failed (${formatPercent(failedPercent)})`;
  const verdict = exceeded ? "threshold exceeded" : "within the threshold";
  return { percentage, count, failedItems, totalItems, failedPercent, exceeded, exceededBy, text: `${tolerates} · ${failed} · ${verdict}` };
}

/**
 * The rule itself, for the panel and for the demo's simulator alike: which threshold `failed` of
 * `total` items go over. A threshold of 0 (or unset) is not set, as DescribeMapRun reports an
 * unset one; with neither set, no failure is tolerated.
 */
export function toleranceExceededBy(failed: number, total: number, tolerance: { percentage?: number; count?: number }): "percentage" | "count" | undefined {
  const percentage = finite(tolerance.percentage);
  const count = Math.floor(finite(tolerance.count));
  const failedPercent = total > 0 ? (failed / total) * 100 : 0;
  if (percentage > 0 && failedPercent > percentage) return "percentage";
  const overCount = count > 0 ? failed > count : percentage > 0 ? false : failed > 0;
  return overCount ? "count" : undefined;
}

function finite(value: number | undefined): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0;
}

function formatPercent(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}
