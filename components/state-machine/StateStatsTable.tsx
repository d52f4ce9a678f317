"use client";

import type { StateStats } from "@/lib/metrics/state-stats";
import { formatDuration } from "@/lib/format/time";
import styles from "./MachineDashboard.module.css";

/**
 * Per state, from the sampled histories: entries, failures, caught, retries, p50/p90, top
 * errors. Every row and every error is shown (nothing scrolls away or is cut off).
 */
export function StateStatsTable({ stats, selected, onSelect }: { stats: StateStats[]; selected?: string; onSelect?: (name: string) => void }) {
  const shown = stats.filter((s) => s.entries > 0);
  if (shown.length === 0) return <p className="muted">No sampled execution entered a state in this window.</p>;
  return (
    <div style={{ overflowX: "auto" }}>
      <table className={styles.table} aria-label="Per-state statistics">
        <thead>
          <tr>
            <th className={styles.left}>State</th>
            <th>Entries</th>
            <th>Failures</th>
            <th>Caught</th>
            <th>Retries</th>
            <th>p50</th>
            <th>p90</th>
            <th className={styles.left}>Top errors</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <tr key={s.name} data-testid="state-stats-row" data-state={s.name} className={selected === s.name ? styles.selectedRow : undefined} onClick={onSelect ? () => onSelect(s.name) : undefined}>
              <td className={styles.left} style={{ whiteSpace: "normal", wordBreak: "break-word", maxWidth: "none" }}>{s.name}</td>
              <td>{s.entries}</td>
              <td className={s.failures ? styles.bad : styles.zero}>{s.failures}</td>
              <td className={s.caught ? styles.caught : styles.zero}>{s.caught}</td>
              <td className={s.retries ? styles.warn : styles.zero}>{s.retries}</td>
              <td>{formatDuration(s.p50)}</td>
              <td>{formatDuration(s.p90)}</td>
              <td className={`${styles.left} mono`} style={{ whiteSpace: "normal", wordBreak: "break-word", maxWidth: "none" }} data-testid="state-top-errors">
                {s.topErrors.length === 0 ? <span className={styles.zero}>—</span> : s.topErrors.map((e) => <div key={e.error}>{`${e.error} ×${e.count}`}</div>)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
