"use client";

import { useMemo } from "react";
import type { ExecutionSummary } from "@/lib/contract/api";
import type { MapRunTry } from "@/lib/history/model";
import { formatDuration, formatTimestamp } from "@/lib/format/time";
import { describeTryCounts, mapRunTryCounts } from "@/lib/postmortem/map-run-try-counts";
import { statusLook } from "@/components/ui/status";
import css from "./MapRunPanel.module.css";

/**
 * Each try of a redriven map run: when it began, how it ended (the parent's history), and what
 * it did with the children (ListExecutions' start and last redrive of each child).
 */
export function MapRunTries({ tries, children, complete }: { tries: readonly MapRunTry[]; children: readonly ExecutionSummary[]; complete: boolean }) {
  const counts = useMemo(() => mapRunTryCounts(tries, children), [tries, children]);
  return (
    <div data-testid="map-run-tries">
      <strong>Tries</strong> <span className="faint">the map run was redriven with its parent{complete ? "" : "; children counted among those listed"}</span>
      <table className={`${css.counts} ${css.triesTable}`}>
        <thead>
          <tr><th>Try</th><th>Began</th><th>Outcome</th><th>Children</th></tr>
        </thead>
        <tbody>
          {tries.map((t, i) => {
            const c = counts[i];
            const look = statusLook(t.status);
            return (
              <tr key={i} data-testid="map-run-try" data-status={t.status}>
                <td>{i === 0 ? "1 (first run)" : `${i + 1} (redrive ${t.redriveCount || i})`}</td>
                <td>{formatTimestamp(t.startedAt)}</td>
                <td>
                  <span style={{ color: look.color, fontWeight: 600 }}>{look.label}</span>
                  {t.endedAt !== undefined ? ` after ${formatDuration(t.endedAt - t.startedAt)}` : " so far"}
                  {t.error ? <> · <span className="mono">{t.error}</span></> : null}
                </td>
                <td className={css.tryChildren}>{describeTryCounts(c)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
