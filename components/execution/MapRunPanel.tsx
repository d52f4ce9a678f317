"use client";

import Link from "next/link";
import { useMemo } from "react";
import type { MapRunChildFailure, MapRunCounts, MapRunReport } from "@/lib/contract/api";
import type { MapRunTry } from "@/lib/history/model";
import { formatDuration, formatTimestamp } from "@/lib/format/time";
import { groupChildFailures } from "@/lib/postmortem/map-run-failures";
import { mapRunTolerance } from "@/lib/postmortem/map-run-tolerance";
import type { MapRunReportState } from "@/lib/queries/use-map-run-reports";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { CauseView } from "./CauseView";
import { MapRunTries } from "./MapRunTries";
import css from "./MapRunPanel.module.css";
import { ScopeTag } from "@/components/sources/ScopeTag";
import { usePageSource } from "@/components/sources/use-page-source";
import { withSource } from "@/lib/scopes";

/** Child links shown per failure group before "+ n more". */
const LINKS_PER_GROUP = 12;
/** Rows of the children list. */
const CHILDREN_SHOWN = 200;

export function childExecutionHref(arn: string, state?: string): string {
  return `/executions/${encodeURIComponent(arn)}${state ? `?state=${encodeURIComponent(state)}` : ""}`;
}

interface Props {
  state: MapRunReportState;
  /** The map run's tries as the parent's history tells them (see mapRunTriesOf). */
  tries?: readonly MapRunTry[];
  /** A processor state picked in the graph: its outcome over the children, and the children that failed in it. */
  focusState?: string;
}

/**
 * One distributed map run on the parent's page: items and child executions by status, the
 * tolerated failure threshold and whether it was exceeded, each try when it was redriven, the
 * failed children grouped by error and cause, and every child one click away.
 */
export function MapRunPanel({ state, tries = NO_TRIES, focusState }: Props) {
  const report = state.report;
  return (
    <div className={css.panel} data-testid="map-run-panel" data-map-run-arn={state.mapRunArn}>
      <div className={css.head}>
        <h3>Map run</h3>
        {report && <StatusBadge status={report.mapRun.status} />}
        {(report?.mapRun.redriveCount ?? 0) > 0 && (
          <span className="badge-retry" title={report!.mapRun.redrivenAt !== undefined ? `last redriven ${formatTimestamp(report!.mapRun.redrivenAt)}` : undefined}>↻ redriven {report!.mapRun.redriveCount}×</span>
        )}
        <span className={css.arn} title={state.mapRunArn}>{shortMapRun(state.mapRunArn)}</span>
        <ScopeTag arn={state.mapRunArn} source={report?.source.id} />
      </div>
      <ErrorNotice error={state.error} stale={!!report} title="Cannot read the map run" />
      {!report && !state.error && <p className="muted">Reading the map run and its child executions…</p>}
      {report && <ReportBody report={report} tries={tries} focusState={focusState} />}
    </div>
  );
}

function ReportBody({ report, tries, focusState }: { report: MapRunReport; tries: readonly MapRunTry[]; focusState?: string }) {
  const source = usePageSource();
  const tolerance = mapRunTolerance(report.mapRun, tries[tries.length - 1]?.error);
  const { groups, unread } = useMemo(() => groupChildFailures(report.failures), [report.failures]);
  const focus = focusState ? report.states[focusState] : undefined;
  const h = report.histories;
  return (
    <>
      <table className={css.counts} data-testid="map-run-counts">
        <thead>
          <tr><th /><th>Pending</th><th>Running</th><th>Succeeded</th><th>Failed</th><th>Timed out</th><th>Aborted</th><th>Total</th></tr>
        </thead>
        <tbody>
          <CountsRow label="Items" counts={report.mapRun.itemCounts} />
          <CountsRow label="Child executions" counts={report.mapRun.executionCounts} />
        </tbody>
      </table>
      <div
        className={`${css.threshold} ${tolerance.exceeded ? css.exceeded : css.within}`}
        data-testid="map-run-threshold"
        data-exceeded={tolerance.exceeded}
      >
        {tolerance.text}
      </div>
      {tries.length > 1 && <MapRunTries tries={tries} children={report.children} complete={report.childrenComplete} />}
      {focusState && (
        <div className={css.focus} data-testid="map-run-focus">
          <strong>{focusState}</strong> runs in the child executions.{" "}
          {focus
            ? `${plural(focus.children, "child", "children")} read entered it; it failed in ${focus.failed}${focus.retries ? `, with ${plural(focus.retries, "retry", "retries")}` : ""}.`
            : "None of the children read entered it."}
        </div>
      )}
      <div className={css.note} data-testid="map-run-histories">
        Read {h.read.toLocaleString("en-US")} of {plural(h.of, "child history", "child histories")} ({h.failedRead} of {h.failedOf} failed ones first)
        {h.unreadable ? `; ${h.unreadable} could not be read` : ""}. Error groups and the graph&apos;s colours come from these.
        {!report.childrenComplete && ` Only the newest ${report.childrenCap.toLocaleString("en-US")} children are listed.`}
      </div>
      {groups.map((group) => {
        const children = focusState ? group.children.filter((c) => c.failedState === focusState) : group.children;
        if (children.length === 0) return null;
        return (
          <div key={`${group.error}:${group.cause ?? ""}`} className={css.group} data-testid="map-run-failure-group">
            <div className={css.groupHead}>
              <span className={css.groupError}>✕ {group.error}</span>
              <span>{plural(children.length, "child", "children")}</span>
              {group.states.length > 0 && <span className="faint">in {group.states.join(", ")}</span>}
            </div>
            <CauseView cause={group.cause} />
            <ChildLinks failures={children} />
          </div>
        );
      })}
      {unread.length > 0 && !focusState && (
        <div className={css.group} data-testid="map-run-unread">
          <div className={css.groupHead}>
            <span className={css.groupError}>{plural(unread.length, "failed child", "failed children")} not read</span>
            <span className="faint">their error is on their own page</span>
          </div>
          <ChildLinks failures={unread} />
        </div>
      )}
      <details data-testid="map-run-children">
        <summary>All child executions listed ({report.children.length.toLocaleString("en-US")})</summary>
        <table className={css.list}>
          <tbody>
            {report.children.slice(0, CHILDREN_SHOWN).map((child) => (
              <tr key={child.arn}>
                <td><StatusBadge status={child.status} compact /></td>
                <td><Link className={css.childLink} href={withSource(childExecutionHref(child.arn), source)} data-testid="child-link">{child.name}</Link></td>
                <td>{child.redriveCount ? `redriven ${child.redriveCount}×` : ""}</td>
                <td>{child.stoppedAt !== undefined ? formatDuration(child.stoppedAt - child.startedAt) : "running"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {report.children.length > CHILDREN_SHOWN && <p className="muted">The first {CHILDREN_SHOWN} are shown; the failed ones are all above.</p>}
      </details>
    </>
  );
}

function CountsRow({ label, counts }: { label: string; counts: MapRunCounts }) {
  const failed = counts.failed + counts.timedOut;
  return (
    <tr>
      <td>{label}</td>
      <td>{counts.pending}</td>
      <td>{counts.running}</td>
      <td>{counts.succeeded}</td>
      <td className={failed > 0 ? css.nonzeroFailed : undefined}>{counts.failed}</td>
      <td className={counts.timedOut > 0 ? css.nonzeroFailed : undefined}>{counts.timedOut}</td>
      <td>{counts.aborted}</td>
      <td>{counts.total}</td>
    </tr>
  );
}

function ChildLinks({ failures }: { failures: MapRunChildFailure[] }) {
  const source = usePageSource();
  const shown = failures.slice(0, LINKS_PER_GROUP);
  return (
    <div className={css.children}>
      {shown.map((child) => (
        <Link key={child.arn} className={css.childLink} href={withSource(childExecutionHref(child.arn, child.failedState), source)} data-testid="child-link" title={child.arn}>
          {child.name}
        </Link>
      ))}
      {failures.length > shown.length && <span className="faint">+ {failures.length - shown.length} more (listed below)</span>}
    </div>
  );
}

const NO_TRIES: readonly MapRunTry[] = [];

/** `…:mapRun:ingest/ProcessFiles:5c1e2f7a` → `ProcessFiles:5c1e2f7a` */
function shortMapRun(arn: string): string {
  const tail = arn.split(":mapRun:")[1];
  if (!tail) return arn;
  const slash = tail.indexOf("/");
  return slash >= 0 ? tail.slice(slash + 1) : tail;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
