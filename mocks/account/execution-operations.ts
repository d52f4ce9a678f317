/** Listing and describing executions, their histories and their map runs. */
import type { SfnResponse } from "../contract";
import { type ExecutionPlan, type ExecutionSummary, type MapRunPlan, mapRunAt, type PlannedEvent } from "../sim/plan";
import { type SeenAt, seenAt, statusAt } from "../sim/plan";
import { type LazyListing, type ListPosition, newestFirst } from "./execution-store";
import { findExecution, findMachine, findMapRun, type OperationContext } from "./lookup";
import { type Body, decodeToken, encodeToken, epochSeconds, ok, optionalBoolean, optionalString, pageSize, requiredString, SfnError } from "./protocol";
import { loopTurn } from "../transport/network-hop";

const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];

type TokenPosition = [number, string];
const isTokenPosition = (p: unknown): p is TokenPosition =>
  Array.isArray(p) && p.length === 2 && typeof p[0] === "number" && typeof p[1] === "string";

function listItem(s: ExecutionSummary, nowMs: number) {
  const seen = seenAt(s, nowMs);
  return {
    executionArn: s.executionArn,
    stateMachineArn: s.stateMachineArn,
    name: s.name,
    status: seen.status,
    startDate: epochSeconds(s.startMs),
    ...(seen.stopMs !== undefined ? { stopDate: epochSeconds(seen.stopMs) } : {}),
    ...(s.mapRunArn ? { mapRunArn: s.mapRunArn } : {}),
    redriveCount: seen.redriveCount,
    ...(seen.redriveMs !== undefined ? { redriveDate: epochSeconds(seen.redriveMs) } : {}),
  };
}

interface ListingWalk {
  candidates: Iterable<LazyListing>;
  statusFilter?: string;
  size: number;
}

/** A ListExecutions request, validated: the executions it walks (newest first), its status filter and page size. */
function listingWalk(ctx: OperationContext, body: Body): ListingWalk {
  const machineArn = optionalString(body, "stateMachineArn");
  const mapRunArn = optionalString(body, "mapRunArn");
  if ((machineArn === undefined) === (mapRunArn === undefined)) {
    throw new SfnError("ValidationException", "Must provide a StateMachine ARN or MapRun ARN, but not both");
  }
  const statusFilter = optionalString(body, "statusFilter");
  if (statusFilter !== undefined && !STATUSES.includes(statusFilter)) {
    throw new SfnError("ValidationException", `1 validation error detected: Value '${statusFilter}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(", ")}]`);
  }
  const size = pageSize(body, 100);
  const token = decodeToken(body, "ListExecutions", isTokenPosition);
  const after: ListPosition | undefined = token ? { startMs: token[0], name: token[1] } : undefined;
  if (machineArn !== undefined) {
    const machine = findMachine(ctx, machineArn);
    if (machine.type === "EXPRESS") {
      throw new SfnError("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
    }
    // Nothing runs longer than its machine's longest run, so RUNNING needs no week-long walk.
    const candidates = statusFilter === "RUNNING" ? ctx.store.runningCandidates(machine, ctx.nowMs, after) : ctx.store.newestFirst(machine, ctx.nowMs, after);
    return { candidates, statusFilter, size };
  }
  const run = findMapRun(ctx, mapRunArn!);
  const candidates = run.children
    .filter((c) => c.startMs <= ctx.nowMs && (!after || newestFirst(after, c) < 0))
    .map((c) => ({ startMs: c.startMs, name: c.name, summary: () => c }))
    .sort(newestFirst);
  return { candidates, statusFilter, size };
}

/**
 * The summaries a page reads, one at a time, until the page (and one more, to know if there is a
 * next page) is full: a summary is planned only when read, and kept once planned.
 */
function* pageSummaries(walk: ListingWalk, nowMs: number): Generator<ExecutionSummary> {
  let kept = 0;
  for (const candidate of walk.candidates) {
    const summary = candidate.summary();
    if (walk.statusFilter !== undefined && statusAt(summary, nowMs) !== walk.statusFilter) continue;
    yield summary;
    if (++kept > walk.size) return;
  }
}

export function listExecutions(ctx: OperationContext, body: Body): SfnResponse {
  const walk = listingWalk(ctx, body);
  const page: ExecutionSummary[] = [];
  let more = false;
  for (const summary of pageSummaries(walk, ctx.nowMs)) {
    if (page.length === walk.size) {
      more = true;
      break;
    }
    page.push(summary);
  }
  const last = page[page.length - 1];
  return ok({
    executions: page.map((s) => listItem(s, ctx.nowMs)),
    ...(more && last ? { nextToken: encodeToken("ListExecutions", [last.startMs, last.name]) } : {}),
  });
}

/**
 * Plans ahead what ListExecutions will read, a slice of time at a time, giving the event loop back
 * between slices. The simulator lives in Stepscope's own process in demo mode: a cold page plans up
 * to a thousand executions, seconds of work that would otherwise stall every request meanwhile
 * (and, past a keep-alive timeout, reset the connections waiting on it). A request that is not
 * valid plans nothing: ListExecutions itself answers the error.
 */
export async function prepareListExecutions(ctx: OperationContext, body: Body, sliceMs = 10): Promise<void> {
  let walk: ListingWalk;
  try {
    walk = listingWalk(ctx, body);
  } catch {
    return;
  }
  let sliceStarted = performance.now();
  for (const _ of pageSummaries(walk, ctx.nowMs)) {
    if (performance.now() - sliceStarted < sliceMs) continue;
    await loopTurn();
    sliceStarted = performance.now();
  }
}

/** Whether RedriveExecution would be accepted now, and if not why (as DescribeExecution says it). */
export function redriveStatus(plan: ExecutionPlan, seen: SeenAt): { redriveStatus: string; redriveStatusReason?: string } {
  if (seen.status === "RUNNING") return { redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution is RUNNING and cannot be redriven" };
  if (seen.status === "SUCCEEDED") return { redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution is SUCCEEDED and cannot be redriven" };
  if (plan.mapRunArn) return { redriveStatus: "REDRIVABLE_BY_MAP_RUN" };
  if (!seen.final || plan.redrivable) return { redriveStatus: "REDRIVABLE" };
  if (plan.error === "States.Runtime" && plan.events.length >= 25_000) {
    return { redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution has reached the maximum number of history events" };
  }
  // The demo account continues only from a state that failed as a whole (not a Parallel's
  // branch or a Map's iteration), and not after a stop or a time-out.
  return { redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: `The demo account cannot redrive a ${seen.status} execution that ended this way` };
}

export function describeExecution(ctx: OperationContext, body: Body): SfnResponse {
  const { plan } = findExecution(ctx, requiredString(body, "executionArn"));
  const seen = seenAt(plan, ctx.nowMs);
  const finished = seen.status !== "RUNNING";
  return ok({
    executionArn: plan.executionArn,
    stateMachineArn: plan.stateMachineArn,
    name: plan.name,
    status: seen.status,
    startDate: epochSeconds(plan.startMs),
    input: plan.input,
    inputDetails: { included: true },
    ...(seen.stopMs !== undefined ? { stopDate: epochSeconds(seen.stopMs) } : {}),
    ...(seen.final && plan.output !== undefined ? { output: plan.output, outputDetails: { included: true } } : {}),
    ...(finished && seen.error !== undefined ? { error: seen.error } : {}),
    ...(finished && seen.cause !== undefined ? { cause: seen.cause } : {}),
    ...(plan.mapRunArn ? { mapRunArn: plan.mapRunArn } : {}),
    redriveCount: seen.redriveCount,
    ...(seen.redriveMs !== undefined ? { redriveDate: epochSeconds(seen.redriveMs) } : {}),
    ...redriveStatus(plan, seen),
  });
}

/** RedriveExecution: the failed attempt's state runs again from now, in the same history. */
export function redriveExecution(ctx: OperationContext, body: Body): SfnResponse {
  const { plan } = findExecution(ctx, requiredString(body, "executionArn"));
  const seen = seenAt(plan, ctx.nowMs);
  const status = redriveStatus(plan, seen);
  if (status.redriveStatus !== "REDRIVABLE") {
    const reason = status.redriveStatus === "REDRIVABLE_BY_MAP_RUN" ? "A child execution of a Map Run is redriven through its parent" : status.redriveStatusReason;
    throw new SfnError("ExecutionNotRedrivable", `Execution is not redrivable: ${reason}`);
  }
  ctx.store.redrive(plan, ctx.nowMs);
  return ok({ redriveDate: epochSeconds(ctx.nowMs) });
}

type HistoryPosition = [number, boolean];
const isHistoryPosition = (p: unknown): p is HistoryPosition =>
  Array.isArray(p) && p.length === 2 && typeof p[0] === "number" && typeof p[1] === "boolean";

const PAYLOAD_FIELDS = new Set(["input", "output", "parameters"]);

function wireEvent(event: PlannedEvent, includeData: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    timestamp: epochSeconds(event.timestampMs),
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
  };
  if (event.detailsKey) {
    const details = includeData
      ? event.details
      : Object.fromEntries(Object.entries(event.details ?? {}).filter(([key]) => !PAYLOAD_FIELDS.has(key)));
    out[event.detailsKey] = details;
  }
  return out;
}

export function getExecutionHistory(ctx: OperationContext, body: Body): SfnResponse {
  const { plan } = findExecution(ctx, requiredString(body, "executionArn"), true);
  const size = pageSize(body, 100);
  const reverse = optionalBoolean(body, "reverseOrder", false);
  const includeData = optionalBoolean(body, "includeExecutionData", true);
  const position = decodeToken(body, "GetExecutionHistory", isHistoryPosition);
  if (position && position[1] !== reverse) throw new SfnError("InvalidToken", "Invalid Token: 'the token was issued for the other order'");
  // Events are in time order, so what has happened by now is a prefix of the plan.
  let visible = plan.events.length;
  while (visible > 0 && plan.events[visible - 1].timestampMs > ctx.nowMs) visible--;
  const ids: number[] = [];
  if (reverse) {
    const from = position ? position[0] - 1 : visible;
    for (let id = Math.min(from, visible); id >= 1 && ids.length < size; id--) ids.push(id);
  } else {
    const from = position ? position[0] + 1 : 1;
    for (let id = from; id <= visible && ids.length < size; id++) ids.push(id);
  }
  const lastId = ids[ids.length - 1];
  const more = lastId !== undefined && (reverse ? lastId > 1 : lastId < visible);
  return ok({
    events: ids.map((id) => wireEvent(plan.events[id - 1], includeData)),
    ...(more ? { nextToken: encodeToken("GetExecutionHistory", [lastId, reverse]) } : {}),
  });
}

export function listMapRuns(ctx: OperationContext, body: Body): SfnResponse {
  const { plan } = findExecution(ctx, requiredString(body, "executionArn"));
  const size = pageSize(body, 100);
  const from = decodeToken(body, "ListMapRuns", (p): p is number => typeof p === "number" && Number.isInteger(p) && p >= 0) ?? 0;
  const runs = plan.mapRuns.filter((r) => r.startMs <= ctx.nowMs);
  const page = runs.slice(from, from + size);
  return ok({
    mapRuns: page.map((r) => ({
      executionArn: r.executionArn,
      mapRunArn: r.mapRunArn,
      stateMachineArn: r.stateMachineArn,
      startDate: epochSeconds(r.startMs),
      ...(mapRunAt(r, ctx.nowMs).stopMs !== undefined ? { stopDate: epochSeconds(mapRunAt(r, ctx.nowMs).stopMs!) } : {}),
    })),
    ...(from + size < runs.length ? { nextToken: encodeToken("ListMapRuns", from + size) } : {}),
  });
}

/**
 * Items by status. Executions are counted over the child executions that exist (what
 * ListExecutions(mapRunArn) lists); items also count those never started, which stay pending.
 */
function counts(run: MapRunPlan, nowMs: number, items: boolean) {
  const started = run.children.filter((c) => c.startMs <= nowMs).length;
  const total = items ? run.itemCount : started;
  const c = { pending: items ? run.itemCount - started : 0, running: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, total, resultsWritten: 0 };
  for (const child of run.children) {
    if (child.startMs > nowMs) continue;
    {
      const status = statusAt(child, nowMs);
      if (status === "RUNNING") c.running++;
      else if (status === "SUCCEEDED") c.succeeded++;
      else if (status === "FAILED") c.failed++;
      else if (status === "TIMED_OUT") c.timedOut++;
      else c.aborted++;
    }
  }
  c.resultsWritten = c.succeeded;
  return c;
}

export function describeMapRun(ctx: OperationContext, body: Body): SfnResponse {
  const run = findMapRun(ctx, requiredString(body, "mapRunArn"));
  const seen = mapRunAt(run, ctx.nowMs);
  const itemCounts = counts(run, ctx.nowMs, true);
  return ok({
    mapRunArn: run.mapRunArn,
    executionArn: run.executionArn,
    status: seen.status,
    startDate: epochSeconds(run.startMs),
    ...(seen.stopMs !== undefined ? { stopDate: epochSeconds(seen.stopMs) } : {}),
    maxConcurrency: run.maxConcurrency,
    toleratedFailurePercentage: run.toleratedFailurePercentage,
    toleratedFailureCount: run.toleratedFailureCount,
    itemCounts,
    executionCounts: counts(run, ctx.nowMs, false),
    redriveCount: seen.redriveCount,
    ...(seen.redriveMs !== undefined ? { redriveDate: epochSeconds(seen.redriveMs) } : {}),
  });
}
