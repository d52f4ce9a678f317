import type { MachineSummary } from "@/lib/metrics/summary";
import { formatDuration } from "@/lib/format/time";
import { formatPercent } from "@/components/metrics/chart-format";
import styles from "./MachineDashboard.module.css";

/** The window's headline numbers. */
export function MachineKpis({ summary }: { summary: MachineSummary }) {
  const items: { label: string; value: string; bad?: boolean; title?: string }[] = [
    { label: "Started", value: summary.started.toLocaleString("en-US") },
    { label: "Running now", value: summary.runningNow.toLocaleString("en-US") },
    { label: "Succeeded", value: summary.succeeded.toLocaleString("en-US") },
    { label: "Errors", value: summary.errors.toLocaleString("en-US"), bad: summary.errors > 0, title: `${summary.failed} failed · ${summary.timedOut} timed out · ${summary.aborted} aborted` },
    { label: "Error rate", value: formatPercent(summary.errorRate), bad: (summary.errorRate ?? 0) > 0 },
    { label: "p50", value: formatDuration(summary.p50) },
    { label: "p90", value: formatDuration(summary.p90) },
    { label: "p99", value: formatDuration(summary.p99) },
  ];
  return (
    <div className={styles.kpis} data-testid="machine-kpis">
      {items.map((item) => (
        <div key={item.label} className={styles.kpi} title={item.title}>
          <div className={styles.kpiLabel}>{item.label}</div>
          <div className={`${styles.kpiValue} ${item.bad ? styles.kpiBad : ""}`}>{item.value}</div>
        </div>
      ))}
    </div>
  );
}
