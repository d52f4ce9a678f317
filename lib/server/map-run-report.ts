/**
 * A map run as the parent's execution page shows it: DescribeMapRun, its child executions
 * (ListExecutions by mapRunArn) and a bounded sample of the children's histories, failed ones
 * first. Everything goes through the shared cache and the client-side rate limiter, and the
 * histories are read two at a time, so a map run of 10,000 children costs a few dozen calls.
 */
import "./server-only";
import type { ExecutionStatusName, ExecutionSummary, MapRunReport } from "@/lib/contract/api";
import { sourceInfo } from "@/lib/config/env";
import { foldHistory } from "@/lib/history";
import type { ExecutionModel } from "@/lib/history/model";
import { childFailures } from "@/lib/postmortem/map-run-failures";
import { chooseChildHistories } from "@/lib/postmortem/map-run-sample";
import { childStateOutcomes } from "@/lib/postmortem/child-execution-states";
import { cached, type SfnContext } from "@/lib/sfn/context";
import { fetchExecutionPage } from "@/lib/sfn/executions";
import { slimModel } from "@/lib/server/fleet/slim-model";
import { getSyncedHistory } from "@/lib/sfn/history-sync";
import { describeMapRun } from "@/lib/sfn/map-runs";
import { TTL } from "@/lib/sfn/ttl";
import pMap from "p-map";

export interface MapRunReportLimits {
  /** Children listed at most (1,000 a ListExecutions call). */
  maxChildren: number;
  /** Child histories read at most. */
  maxHistories: number;
  /** Histories read at once. */
  concurrency: number;
}

export const DEFAULT_MAP_RUN_REPORT_LIMITS: MapRunReportLimits = { maxChildren: 2_000, maxHistories: 20, concurrency: 2 };

const FAILING: ExecutionStatusName[] = ["FAILED", "TIMED_OUT", "ABORTED"];

/**
 * `parent` ties the report to what the caller knows of the parent execution: a failed map run
 * can be redriven, but only with a redrive of its parent, which changes the parent's history;
 * so a report keyed by the parent's last event id of a finished parent never goes stale.
 */
export function mapRunReport(
  ctx: SfnContext,
  mapRunArn: string,
  limits: MapRunReportLimits = DEFAULT_MAP_RUN_REPORT_LIMITS,
  parent?: { lastEventId: number; finished: boolean },
): Promise<MapRunReport> {
  const version = parent ? `:${parent.lastEventId}` : "";
  return cached(
    ctx,
    `map-run-report:${mapRunArn}:${limits.maxChildren}:${limits.maxHistories}${version}`,
    // A succeeded or aborted map run is over for good; a failed one can still be redriven.
    (r) => (r.mapRun.status === "SUCCEEDED" || r.mapRun.status === "ABORTED" || (parent?.finished && r.mapRun.status !== "RUNNING") ? TTL.finished : TTL.runningMapRun),
    () => buildReport(ctx, mapRunArn, limits),
  );
}

/** A smaller sample for the state × execution grid: one column per execution, 50 columns. */
export const GRID_MAP_RUN_LIMITS: MapRunReportLimits = { maxChildren: 1_000, maxHistories: 4, concurrency: 1 };

/**
 * The processor states' outcomes of each distributed map run of one execution, for the grid.
 * A map run that cannot be read is left out (its cells then stay as the parent's history has
 * them) rather than failing the dashboard.
 */
export async function childStatesOfExecution(
  ctx: SfnContext,
  model: ExecutionModel,
): Promise<Record<string, import("@/lib/contract/api").ChildStateOutcome>[] | undefined> {
  const arns = [...new Set(model.runs.flatMap((r) => (r.mapRun?.mapRunArn ? [r.mapRun.mapRunArn] : [])))];
  if (arns.length === 0) return undefined;
  const parent = { lastEventId: model.lastEventId, finished: model.status !== "RUNNING" };
  const out: Record<string, import("@/lib/contract/api").ChildStateOutcome>[] = [];
  for (const arn of arns) {
    const report = await mapRunReport(ctx, arn, GRID_MAP_RUN_LIMITS, parent).catch(() => undefined);
    if (report) out.push(report.states);
  }
  return out;
}

async function buildReport(ctx: SfnContext, mapRunArn: string, limits: MapRunReportLimits): Promise<MapRunReport> {
  const mapRun = await describeMapRun(ctx, mapRunArn);
  const { children, complete } = await listChildren(ctx, mapRunArn, undefined, limits.maxChildren);
  if (!complete) {
    // Failures older than the listed children would be missed: list them by status as well.
    const failing = mapRun.executionCounts.failed + mapRun.executionCounts.timedOut + mapRun.executionCounts.aborted;
    const listed = children.filter((c) => FAILING.includes(c.status)).length;
    if (failing > listed) {
      const known = new Set(children.map((c) => c.arn));
      for (const status of FAILING) {
        const extra = await listChildren(ctx, mapRunArn, status, Math.min(1_000, limits.maxChildren));
        for (const child of extra.children) if (!known.has(child.arn)) (known.add(child.arn), children.push(child));
      }
    }
  }
  const chosen = chooseChildHistories(children, limits.maxHistories);
  const models = new Map<string, ExecutionModel>();
  let unreadable = 0;
  await pMap(
    chosen,
    async (child) => {
      try {
        models.set(child.arn, slimModel(foldHistory((await getSyncedHistory(ctx, child.arn)).events)));
      } catch {
        // One child that cannot be read (deleted, throttled for too long) is counted, not fatal.
        unreadable++;
      }
    },
    { concurrency: Math.max(1, limits.concurrency) },
  );
  const failures = childFailures(children, models);
  return {
    source: sourceInfo(),
    mapRun,
    children,
    childrenComplete: complete,
    childrenCap: limits.maxChildren,
    failures,
    histories: {
      read: models.size,
      of: Math.max(mapRun.executionCounts.total, children.length),
      failedRead: failures.filter((f) => f.read && f.status !== "ABORTED").length,
      failedOf: mapRun.executionCounts.failed + mapRun.executionCounts.timedOut,
      unreadable,
    },
    states: childStateOutcomes([...models.values()]),
  };
}

async function listChildren(
  ctx: SfnContext,
  mapRunArn: string,
  status: ExecutionStatusName | undefined,
  max: number,
): Promise<{ children: ExecutionSummary[]; complete: boolean }> {
  const children: ExecutionSummary[] = [];
  let token: string | undefined;
  do {
    const page = await fetchExecutionPage(ctx, { mapRunArn }, status, token, Math.min(1_000, Math.max(1, max - children.length)));
    children.push(...page.executions);
    token = page.nextToken;
  } while (token && children.length < max);
  return { children: children.slice(0, max), complete: !token };
}
