import Link from "next/link";
import type { ExecutionDetail } from "@/lib/contract/api";
import type { ExecutionModel } from "@/lib/history/model";
import { formatDuration, formatTimestamp } from "@/lib/format/time";
import { StatusBadge } from "@/components/ui/StatusBadge";
import styles from "./compare.module.css";

/** One side's identity card: which execution, how it ended, when and how long. */
export function ExecutionCard({ side, execution, model }: { side: "A" | "B"; execution?: ExecutionDetail; model?: ExecutionModel }) {
  return (
    <div className={styles.card} data-testid={`compare-card-${side}`}>
      <span className={side === "A" ? styles.sideA : styles.sideB}>{side}</span>
      {execution ? (
        <div className={styles.cardBody}>
          <div className={styles.cardTitle}>
            <StatusBadge status={execution.status} />
            <Link href={`/executions/${encodeURIComponent(execution.arn)}`} title={execution.arn}>{execution.name}</Link>
            <span className="faint">{side === "A" ? "baseline" : "compared"}</span>
          </div>
          <div className="muted">
            {formatTimestamp(execution.startedAt)} · {execution.stoppedAt ? formatDuration(execution.stoppedAt - execution.startedAt) : "running"} ·{" "}
            {model ? `${model.runs.length.toLocaleString("en-US")} state runs` : "loading history…"}
            {execution.error ? <> · <span className={styles.error}>{execution.error}</span></> : null}
          </div>
        </div>
      ) : (
        <span className="muted">Loading…</span>
      )}
    </div>
  );
}
