"use client";

import Link from "next/link";
import { Fragment } from "react";
import { defaultFleetSortDir, type FleetRow, type FleetSort, type ScopeRef } from "@/lib/contract/api";
import { formatDuration, formatRelative, formatTimestamp } from "@/lib/format/time";
import { visibleText } from "@/lib/security/visible-text";
import { coverageText } from "./coverage-text";
import { Sparkline } from "@/components/metrics";
import { formatPercent } from "@/components/metrics/chart-format";
import styles from "./Fleet.module.css";
import { healthColor, healthLabel } from "./health-look";
import { SourceHealthBadge } from "@/components/ui/SourceHealthBadge";

export interface FleetSortState {
  sort: FleetSort;
  dir: "asc" | "desc";
}

/** A fleet row with the scope it belongs to (a single-source server leaves it out). */
export type SourcedFleetRow = FleetRow & { source?: ScopeRef };

interface Props {
  rows: SourcedFleetRow[];
  sort: FleetSortState;
  onSort(sort: FleetSortState): void;
  stateMachineHref(row: SourcedFleetRow): string;
  now: number;
  /** Show the source column (several scopes, or one named). */
  showSource?: boolean;
}

const COUNT_COLUMNS = [
  { key: "runningNow", sort: "running", label: "Running", tone: undefined },
  { key: "succeeded", sort: "succeeded", label: "Succeeded", tone: undefined },
  { key: "failed", sort: "failed", label: "Failed", tone: "bad" },
  { key: "timedOut", sort: "timedOut", label: "Timed out", tone: "warn" },
  { key: "aborted", sort: "aborted", label: "Aborted", tone: "warn" },
] as const;

/** One row per state machine for the selected window; every header sorts (server side). */
export function FleetTable({ rows, sort, onSort, stateMachineHref, now, showSource = true }: Props) {
  const header = (label: string, key: FleetSort | undefined, left = false, title?: string) => (
    <th className={left ? styles.left : undefined} aria-sort={key && sort.sort === key ? (sort.dir === "asc" ? "ascending" : "descending") : undefined} title={title}>
      {key ? (
        <button
          type="button"
          className={`${styles.sortButton} ${sort.sort === key ? styles.sortActive : ""}`}
          onClick={() => onSort({ sort: key, dir: sort.sort === key ? (sort.dir === "asc" ? "desc" : "asc") : defaultFleetSortDir(key) })}
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
            {header("Health", "health", true, "Unhealthy first: recent error rate, weighted by volume")}
            {header("State machine", "name", true)}
            {showSource && header("Source", "source", true, "Source, then Region; each cell's title names the account")}
            {header("Type", "type", true)}
            {header("Started", "started")}
            {COUNT_COLUMNS.map((c) => <Fragment key={c.key}>{header(c.label, c.sort)}</Fragment>)}
            {header("Error rate", "errorRate")}
            {header("p50", "p50")}
            {header("p90", "p90")}
            {header("p99", "p99")}
            {header("Errors", "errors", true)}
            {header("Failing since", "failingSince", true, "When the current run of failures began: the newest finished executions all failed since then")}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            // Two emulators may serve the same ARN: a row is its scope and its ARN.
            <tr key={`${row.source?.id ?? ""}|${row.arn}`} data-testid="state-machine-row" data-name={row.name} data-type={row.type} data-source={row.source?.id}>
              <td className={styles.left}>
                <span
                  className={styles.healthDot}
                  style={{ background: row.summary ? healthColor(row.summary.health, row.summary.errors) : "var(--border-strong)" }}
                  title={row.summary ? healthLabel(row.summary.health, row.summary.errors) : "No numbers"}
                  aria-hidden
                />
                <span className="sr-only">{row.summary ? healthLabel(row.summary.health, row.summary.errors) : "No numbers"}</span>
              </td>
              <td className={`${styles.left} ${styles.wraps}`}>
                <Link className={styles.name} href={stateMachineHref(row)}>{visibleText(row.name)}</Link>
                {row.coverage.partial && row.summary && (
                  <span
                    className={styles.flagLine}
                    title={coverageText(row.coverage, row.summary.window)}
                  >
                    partial: since {formatRelative(row.coverage.countedFrom, now)}
                  </span>
                )}
                {!row.coverage.partial && row.coverage.sourceFrom !== undefined && row.summary && (
                  <span className={styles.flagLine} title={coverageText(row.coverage, row.summary.window)}>
                    source holds {formatDuration(row.summary.window.to - row.coverage.sourceFrom)} of the window
                  </span>
                )}
                {row.figuresFrom === "metrics" && (
                  <span
                    className={styles.flagLine}
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
                  <span className={styles.flagLine} role="note" title={row.coverage.error}>
                    ⚠ refresh failed{row.coverage.refreshedAt ? ` · data from ${formatRelative(row.coverage.refreshedAt, now)}` : ""}
                  </span>
                )}
              </td>
              {showSource && <SourceCells source={row.source} />}
              <td className={styles.left}><span className="type-tag">{row.type === "EXPRESS" ? "Express" : "Standard"}</span></td>
              <RowNumbers row={row} now={now} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One column for the scope (source · Region, the account in its title): three columns of their
 * own pushed Errors and "Failing since" out of a 1440 px screen.
 */
function SourceCells({ source }: { source: ScopeRef | undefined }) {
  if (!source) {
    return (
      <td className={styles.left} data-col="source">
        <span className={styles.zero}>—</span>
      </td>
    );
  }
  return (
    <td className={`${styles.left} ${styles.wraps}`} data-col="source" data-region={source.region} data-account={source.accountId} title={`Account ${source.accountId ?? "not known yet"} · ${source.region}`}>
      <span className={styles.source}>
        {source.health !== "ok" && <SourceHealthBadge state={source.health} compact />}
        {/* When the cell wraps, it wraps between the source and its Region, never inside "us-east-1". */}
        <span>{visibleText(source.name)}<span className={styles.unbroken}> ·</span> <span className={styles.unbroken}>{source.region}</span></span>
      </span>
    </td>
  );
}

function RowNumbers({ row, now }: { row: FleetRow; now: number }) {
  const s = row.summary;
  if (!s) {
    return (
      <td colSpan={12} className={styles.unavailable} data-col="unavailable">
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
        <Sparkline values={s.errorSparkline} label="errors" width={72} />
        <span className={s.errors > 0 ? styles.bad : styles.zero} style={{ marginLeft: 6 }}>{count(s.errors)}</span>
      </td>
      <td className={styles.left} data-col="failingSince" title={row.failingSince !== undefined ? formatTimestamp(row.failingSince) : "The newest finished execution succeeded"}>
        {row.failingSince !== undefined ? <span className={styles.bad}>{formatRelative(row.failingSince, now)}</span> : <span className={styles.zero}>—</span>}
      </td>
    </>
  );
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
