/**
 * What a window's figures cover, in one sentence, or undefined when they cover the whole window.
 * Pure. Shown on the state machine page and as the fleet row's "partial" flag, so that nothing
 * a person reads covers less than it says.
 */
import type { FleetCoverage } from "@/lib/contract/api";
import type { ResolvedWindow } from "@/lib/metrics/windows";
import { formatDuration, formatTimestamp } from "@/lib/format/time";

const WINDOW_NAMES: Record<string, string> = { "15m": "15-minute", "1h": "1-hour", "24h": "24-hour", "7d": "7-day" };

export function coverageText(coverage: FleetCoverage, window: Pick<ResolvedWindow, "from" | "to" | "label">): string | undefined {
  const name = WINDOW_NAMES[window.label] ?? `${formatDuration(window.to - window.from)}`;
  const part = (since: number) => `${formatDuration(window.to - since)} of this ${name} window`;
  if (coverage.partial && coverage.countedFrom !== undefined) {
    const since = coverage.countedFrom;
    return coverage.capped
      ? `Figures cover executions started since ${formatTimestamp(since)} (${part(since)}): only the newest ${coverage.indexed.toLocaleString("en-US")} executions are kept.`
      : `Figures cover executions started since ${formatTimestamp(since)} (${part(since)}); older ones are still being listed.`;
  }
  if (coverage.sourceFrom !== undefined) {
    return `The source holds executions back to ${formatTimestamp(coverage.sourceFrom)} only: these figures cover ${part(coverage.sourceFrom)}.`;
  }
  return undefined;
}
