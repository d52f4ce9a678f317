import type { StateDelta } from "@/lib/compare";
import { formatDurationDelta, formatStateDuration } from "@/lib/format/duration";
import { StatusBadge } from "@/components/ui/StatusBadge";
import styles from "./compare.module.css";

/** Per state: outcome on each side and how much longer (or shorter) B spent in it. */
export function DeltaTable({ deltas, selected, onSelect }: { deltas: StateDelta[]; selected?: string; onSelect: (name: string) => void }) {
  return (
    <table className="data" data-testid="delta-table">
      <thead>
        <tr>
          <th>State</th>
          <th>Type</th>
          <th>A</th>
          <th>B</th>
          <th className="num">A duration</th>
          <th className="num">B duration</th>
          <th className="num">Δ (B − A)</th>
          <th className="num">Runs A / B</th>
        </tr>
      </thead>
      <tbody>
        {deltas.map((d) => (
          <tr
            key={d.name}
            data-state={d.name}
            data-differs={d.differs || undefined}
            className={`${d.differs ? styles.differs : ""} ${selected === d.name ? styles.selectedRow : ""}`}
            onClick={() => onSelect(d.name)}
            style={{ cursor: "pointer" }}
          >
            <td>
              {d.differs && <span className={styles.diffMark} title="Outcome differs">≠</span>}
              <span className={styles.stateName}>{d.name}</span>
            </td>
            <td className="muted">{d.type}</td>
            <td>{d.aStatus ? <StatusBadge status={d.aStatus} compact /> : <span className="faint">not entered</span>}</td>
            <td>{d.bStatus ? <StatusBadge status={d.bStatus} compact /> : <span className="faint">not entered</span>}</td>
            <td className="num">{formatStateDuration(d.aDurationMs, d.durationIsMax)}</td>
            <td className="num">{formatStateDuration(d.bDurationMs, d.durationIsMax)}</td>
            <td className={`num ${deltaClass(d.deltaMs)}`}>{formatDurationDelta(d.deltaMs)}</td>
            <td className="num">{d.aRuns} / {d.bRuns}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function deltaClass(ms: number | undefined): string {
  if (ms === undefined || ms === 0) return "";
  return ms > 0 ? styles.slower : styles.faster;
}
