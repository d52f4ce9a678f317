"use client";

import Link from "next/link";
import type { FleetRow, FleetSort } from "@/lib/contract/api";
import { formatDuration, formatRelative } from "@/lib/format/time";
import { Sparkline } from "@/components/metrics";
import { formatPercent } from "@/components/metrics/chart-format";
import styles from "./Fleet.module.css";
import { healthColor, healthLabel } from "./health-look";

export interface FleetSortState {
  sort: FleetSort;
  dir: "asc" | "desc";
}

interface Props {
  rows: FleetRow[];
  sort: FleetSortState;
  onSort(sort: FleetSortState): void;
  stateMachineHref(arn: string): string;
  now: number;
}

const COUNT_COLUMNS = [
  { key: "runningNow", label: "Running now", tone: undefined },
  { key: "succeeded", label: "Succeeded", tone: undefined },
  { key: "failed", label: "Failed", tone: "bad" },
  { key: "timedOut", label: "Timed out", tone: "warn" },
  { key: "aborted", label: "Aborted", tone: "warn" },
] as const;

/** One row per state machine for the selected window; headers sort (server side). */
export function FleetTable({ rows, sort, onSort, stateMachineHref, now }: Props) {
  const header = (label: string, key: FleetSort | undefined, left = false, title?: string) => (
    <th className={left ? styles.left : undefined} aria-sort={key && sort.sort === key ? (sort.dir === "asc" ? "ascending" : "descending") : undefined} title={title}>
      {key ? (
        <button
          type="button"
          className={`${styles.sortButton} ${sort.sort === key ? styles.sortActive : ""}`}
          onClick={() => onSort({ sort: key, dir: sort.sort === key ? (sort.dir === "asc" ? "desc" : "asc") : key === "name" ? "asc" : "desc" })}
        >
          {label}
          {sort.sort === key ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
        </button>
      ) : (
        label
      )}
    </th>
  );
  return (
    <div style={{ overflowX: "auto" }}>
      <table className={styles.table} data-testid="state-machine-table">
        <thead>
          <tr>
            {header("State machine", "name", true)}
            <th className={styles.left}>Type</th>
            {header("Started", "started")}
            {COUNT_COLUMNS.map((c) => <th key={c.key}>{c.label}</th>)}
            {header("Error rate", "health", false, "Sorted by health: recent error rate, weighted by volume")}
            <th>p50</th>
            {header("p90", "p90")}
            <th>p99</th>
            {header("Errors", "errors", true)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.arn} data-testid="state-machine-row" data-name={row.name} data-type={row.type}>
              <td className={styles.left}>
                <span
                  className={styles.healthDot}
                  style={{ background: row.summary ? healthColor(row.summary.health, row.summary.errors) : "var(--border-strong)" }}
                  title={row.summary ? healthLabel(row.summary.health, row.summary.errors) : "No numbers"}
                  aria-hidden
                />
                <Link className={styles.name} href={stateMachineHref(row.arn)}>{row.name}</Link>
                {row.coverage.partial && row.summary && (
                  <span
                    className={styles.flag}
                    title={
                      row.coverage.capped
                        ? `Only the newest ${row.coverage.indexed.toLocaleString("en-US")} executions are kept; numbers cover part of the window.`
                        : "Some executions of this window are still being listed; numbers are a lower bound and fill in on the next refreshes."
                    }
                  >
                    partial
                  </span>
                )}
                {row.figuresFrom === "metrics" && (
                  <span
                    className={styles.flag}
                    data-testid="figures-from-metrics"
                    title={
                      row.type === "EXPRESS"
                        ? "From CloudWatch metrics (AWS/States): Step Functions does not list Express executions."
                        : "From CloudWatch metrics (AWS/States): this window is longer than the execution index keeps, or its first listing is under way."
                    }
                  >
                    metrics
                  </span>
                )}
                {row.coverage.error && (
                  <span className={styles.flag} role="note" title={row.coverage.error}>
                    ⚠ refresh failed{row.coverage.refreshedAt ? ` · data from ${formatRelative(row.coverage.refreshedAt, now)}` : ""}
                  </span>
                )}
              </td>
              <td className={styles.left}><span className="type-tag">{row.type === "EXPRESS" ? "Express" : "Standard"}</span></td>
              <RowNumbers row={row} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RowNumbers({ row }: { row: FleetRow }) {
  const s = row.summary;
  if (!s) {
    return (
      <td colSpan={11} className={styles.unavailable} data-col="unavailable">
        {row.unavailable ?? (row.coverage.error ? `No numbers yet: ${row.coverage.error}` : "Not listed yet.")}
      </td>
    );
  }
  return (
    <>
      <td data-col="started">{count(s.started)}</td>
      {COUNT_COLUMNS.map((c) => (
        <td key={c.key} data-col={c.key} className={s[c.key] > 0 && c.tone ? styles[c.tone] : s[c.key] === 0 ? styles.zero : undefined}>
          {count(s[c.key])}
        </td>
      ))}
      <td data-col="errorRate">
        <span className={styles.rate} title={s.errorRate === null ? "Nothing finished in the window" : `${s.errors} of ${s.finished} finished executions`}>
          {formatPercent(s.errorRate)}
          <span className={styles.rateBar} aria-hidden>
            <span className={styles.rateFill} style={{ width: `${Math.min(100, (s.errorRate ?? 0) * 100)}%` }} />
          </span>
        </span>
      </td>
      <td data-col="p50">{formatDuration(s.p50)}</td>
      <td data-col="p90">{formatDuration(s.p90)}</td>
      <td data-col="p99">{formatDuration(s.p99)}</td>
      <td className={styles.left} data-col="errors">
        <Sparkline values={s.errorSparkline} label="errors" width={96} />
        <span className={s.errors > 0 ? styles.bad : styles.zero} style={{ marginLeft: 6 }}>{count(s.errors)}</span>
      </td>
    </>
  );
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
