import Link from "next/link";
import type { FleetTotals, SourceTotals } from "@/lib/contract/api";
import { scopeLabel } from "@/lib/scopes";
import { visibleText } from "@/lib/security/visible-text";
import { SourceHealthBadge } from "@/components/ui/SourceHealthBadge";
import styles from "./SourceTotals.module.css";
// The fleet table's tones: a count reads the same in both tables.
import tones from "@/components/fleet/Fleet.module.css";

interface Props {
  sources: SourceTotals[];
  totals: FleetTotals;
  /** Where a scope's name leads: the fleet showing that scope only. */
  scopeHref(scopeId: string): string;
}

const COLUMNS = [
  { key: "RUNNING", label: "Running" },
  { key: "SUCCEEDED", label: "Succeeded" },
  { key: "FAILED", label: "Failed", tone: "bad" },
  { key: "TIMED_OUT", label: "Timed out", tone: "warn" },
  { key: "ABORTED", label: "Aborted", tone: "warn" },
] as const;

const n = (x: number) => x.toLocaleString("en-US");

/** One line per source shown (its health and totals over every page of the fleet), then their sum. */
export function SourceTotalsTable({ sources, totals, scopeHref }: Props) {
  const line = (counts: FleetTotals, tone?: string) =>
    COLUMNS.map((c) => (
      <td key={c.key} data-col={c.key} className={counts.counts[c.key] === 0 ? tones.zero : "tone" in c && tone !== "none" ? tones[c.tone] : undefined}>
        {n(counts.counts[c.key])}
      </td>
    ));
  return (
    <table className={styles.table} data-testid="source-totals">
      <thead>
        <tr>
          <th className={styles.left}>Source</th>
          <th className={styles.left}>Health</th>
          <th>Machines</th>
          <th>Started</th>
          {COLUMNS.map((c) => <th key={c.key}>{c.label}</th>)}
        </tr>
      </thead>
      <tbody>
        {sources.map((s) => (
          <tr key={s.scope.id} data-testid="source-totals-row" data-scope={s.scope.id} data-health={s.scope.health.state}>
            <td className={styles.left}><Link href={scopeHref(s.scope.id)} className={styles.name}>{visibleText(scopeLabel(s.scope))}</Link></td>
            <td className={styles.left}>
              <SourceHealthBadge state={s.scope.health.state} message={s.scope.health.message} />
              {s.scope.health.message && <span className={styles.message} title={s.scope.health.message}>{visibleText(s.scope.health.message)}</span>}
            </td>
            <td data-col="machines">{n(s.machines)}</td>
            <td data-col="started">{n(s.started)}</td>
            {line(s)}
          </tr>
        ))}
      </tbody>
      {sources.length > 1 && (
        <tfoot>
          <tr data-testid="source-totals-sum">
            <th className={styles.left} colSpan={2}>All {sources.length} shown</th>
            <td data-col="machines">{n(totals.machines)}</td>
            <td data-col="started">{n(totals.started)}</td>
            {line(totals, "none")}
          </tr>
        </tfoot>
      )}
    </table>
  );
}
