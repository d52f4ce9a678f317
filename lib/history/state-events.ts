/**
 * Events of states: entering and leaving, Map/Parallel start and end, Map iterations and map
 * runs. Interleaved branches and iterations are told apart by `previousEventId`: each branch
 * and iteration is its own chain in the parent history.
 */
import type { HistoryEvent } from "./events";
import type { ChildGroup, MapRunRef, StateRun } from "./model";
import { closeChildren, closeRun, closeScope, reopenRun } from "./close-runs";
import {
  NO_ATTEMPTS,
  NO_UNKNOWN_EVENTS,
  type FoldState,
  type Owner,
  type RunMeta,
  type Scope,
  addEventId,
  addOpen,
  appended,
  enclosingOpen,
  isInside,
  isRunOf,
  newScope,
  openRun,
  runOf,
  own,
  writableGroup,
  writableRun,
  writableRuns,
} from "./fold-state";
import { numberField, payloadField, textField } from "./payload";
import { assignedVariablesField } from "./variables";
import { mapRunTries } from "./map-run-tries";
import { branchPathSegment } from "./branch-label";

type Fields = Record<string, unknown> | undefined;

export function enterState(st: FoldState, e: HistoryEvent, stateType: string, d: Fields, ts: number, prev: Owner | undefined): RunMeta {
  let scope: Scope;
  if (prev?.tag === "scope") scope = prev;
  else if (prev?.tag === "branchStart") scope = newBranch(st, prev.run, textField(d, "name"), ts);
  else if (prev?.tag === "run") scope = prev.scope;
  else scope = st.top;

  const name = textField(d, "name") ?? "(unnamed state)";
  const count = entryNumber(scope, name);
  const path = count > 1 ? `${scope.prefix}${name}#${count}` : scope.prefix + name;

  const input = payloadField(d, "input", "inputDetails");
  if (!input) st.exec.hasExecutionData = false;
  // Every field up front, in one order: objects of one shape stay fast to read and to copy
  // (absent ones are undefined, which JSON leaves out).
  const parent = scope.parent;
  const run: StateRun = {
    path,
    name,
    type: stateType,
    parentPath: parent?.run.path,
    branch: parent && scope.kind === "branch" ? scope.index : undefined,
    iteration: parent && scope.kind === "iteration" ? scope.index : undefined,
    status: "running",
    enteredAt: ts,
    exitedAt: undefined,
    input,
    output: undefined,
    error: undefined,
    cause: undefined,
    caughtBy: undefined,
    attempts: NO_ATTEMPTS,
    branches: stateType === "Parallel" ? [] : undefined,
    iterations: stateType === "Map" ? [] : undefined,
    mapRun: undefined,
    assignedVariables: undefined,
    evaluationFailure: undefined,
    eventIds: [e.id],
    unknownEvents: NO_UNKNOWN_EVENTS,
  };
  own(st, run);

  const runs = writableRuns(st);
  const meta: RunMeta = {
    tag: "run",
    run,
    position: runs.length,
    scope,
    closed: false,
    failure: undefined,
    branches: stateType === "Parallel" ? [] : undefined,
    iterations: stateType === "Map" ? new Map() : undefined,
    branchStart: undefined,
    failedBy: undefined,
    firstFailedChild: undefined,
    prevOpen: undefined,
    nextOpen: undefined,
  };
  if (stateType === "Parallel") meta.branchStart = { tag: "branchStart", run: meta };
  runs.push(run);
  st.metas.push(meta);
  scope.runs = appended(scope.runs, meta);
  scope.openCount++;
  addOpen(st, meta);
  const group = writableGroup(st, scope);
  if (group) group.runPaths = appended(group.runPaths, path);

  noteCatchTarget(st, scope, prev, name);
  if (stateType === "Fail") closeRun(st, meta, "failState", ts);
  return meta;
}

/**
 * Which entry into `name` in this scope this one is (1 for the first). A scope of a few runs
 * (most are one Map iteration) is counted by looking at its runs; one with many keeps counts.
 */
function entryNumber(scope: Scope, name: string): number {
  let counts = scope.counts;
  if (!counts) {
    const runs = scope.runs;
    let count = 1;
    for (let i = 0; i < runs.length; i++) if (runs[i].run.name === name) count++;
    if (runs.length < MANY_RUNS) return count;
    counts = scope.counts = new Map();
    for (let i = 0; i < runs.length; i++) counts.set(runs[i].run.name, (counts.get(runs[i].run.name) ?? 0) + 1);
  }
  const count = (counts.get(name) ?? 0) + 1;
  counts.set(name, count);
  return count;
}

const MANY_RUNS = 16;

/** A state entered right after a run that exited through a Catch is where the Catch sent it. */
function noteCatchTarget(st: FoldState, scope: Scope, prev: Owner | undefined, name: string): void {
  const before = prev?.tag === "run" ? (prev.scope === scope ? prev : undefined) : scope.runs[scope.runs.length - 2];
  if (before && before.run.status === "caught" && before.run.caughtBy === undefined) writableRun(st, before).caughtBy = name;
}

/**
 * A state entered right after ParallelStateStarted opens a branch. Which branch is the
 * definition's call (the state is that branch's StartAt); only without the definition does the
 * order of arrival number it, and the model then says so.
 */
function newBranch(st: FoldState, parallel: RunMeta, firstState: string | undefined, ts: number): Scope {
  const branches = parallel.branches ?? (parallel.branches = []);
  const taken = new Set(branches.map((b) => b.index));
  const fromDefinition = firstState === undefined ? undefined : st.options.branchIndex?.get(firstState);
  let index: number;
  if (fromDefinition !== undefined && !taken.has(fromDefinition)) {
    index = fromDefinition;
    st.exec.branchesFromDefinition++;
  } else {
    index = 0;
    while (taken.has(index)) index++;
    st.exec.branchesByArrival++;
  }
  // Branches are kept in index order, so everything that lists them lists them as the definition does.
  let position = branches.length;
  while (position > 0 && branches[position - 1].index > index) position--;
  const groupPath = `${parallel.run.path}/${branchPathSegment(index)}`;
  const scope = newScope("branch", groupPath + "/", index, position, parallel);
  branches.splice(position, 0, scope);
  for (let i = position + 1; i < branches.length; i++) branches[i].position = i;
  const r = writableRun(st, parallel);
  const group: ChildGroup = { index, path: groupPath, status: "running", startedAt: ts, runPaths: [], endedAt: undefined };
  own(st, group);
  (r.branches ?? (r.branches = [])).splice(position, 0, group);
  return scope;
}

/**
 * The run of that state type (and name, when the event gives one) a state-level event belongs
 * to: where its link points, or the open run it must be.
 */
export function findStateRun(
  st: FoldState,
  prev: Owner | undefined,
  type: string,
  name: string | undefined,
  earliest = false,
): RunMeta | undefined {
  const linked = runOf(prev);
  return enclosingOpen(linked, type, name) ?? openRun(st, type, name, earliest) ?? (linked && isRunOf(linked, type, name) ? linked : undefined);
}

export function exitState(st: FoldState, e: HistoryEvent, stateType: string, d: Fields, ts: number, prev: Owner | undefined): RunMeta | undefined {
  const name = textField(d, "name");
  const meta = findStateRun(st, prev, stateType, name);
  if (!meta) return undefined;
  const r = addEventId(st, meta, e.id);
  const output = payloadField(d, "output", "outputDetails");
  if (output) r.output = output;
  else st.exec.hasExecutionData = false;
  const assigned = assignedVariablesField(d);
  if (assigned) r.assignedVariables = assigned;
  closeRun(st, meta, "exited", ts);
  return meta;
}

export function abortState(st: FoldState, e: HistoryEvent, stateType: string, ts: number, prev: Owner | undefined): RunMeta | undefined {
  // When a Map or Parallel tears down, every abort links to the event that failed it, not to
  // the run it aborts: take the earliest open run of that type.
  const meta = findStateRun(st, prev, stateType, undefined, true);
  if (!meta) return undefined;
  addEventId(st, meta, e.id);
  closeRun(st, meta, "aborted", ts);
  return meta;
}

/** MapStateStarted, ParallelStateStarted. */
export function startState(st: FoldState, e: HistoryEvent, stateType: string, prev: Owner | undefined): Owner | undefined {
  const meta = findStateRun(st, prev, stateType, undefined);
  if (!meta) return undefined;
  addEventId(st, meta, e.id);
  return meta.branchStart ?? meta;
}

/** MapStateSucceeded / MapStateFailed / ParallelStateSucceeded / ParallelStateFailed. */
export function endState(
  st: FoldState,
  e: HistoryEvent,
  stateType: string,
  failed: boolean,
  d: Fields,
  ts: number,
  prev: Owner | undefined,
): RunMeta | undefined {
  const meta = findStateRun(st, prev, stateType, undefined);
  if (!meta) return undefined;
  const r = addEventId(st, meta, e.id);
  if (failed) {
    meta.failure = "failed";
    const error = textField(d, "error");
    const cause = textField(d, "cause");
    if (error !== undefined) r.error = error;
    if (cause !== undefined) r.cause = cause;
    const culprit = runOf(prev);
    if (culprit && isInside(culprit, meta)) meta.failedBy = culprit;
  }
  closeChildren(st, meta, "enclosingEnded", ts);
  if (failed && r.error === undefined) {
    // AWS's ParallelStateFailed and MapStateFailed carry no error: the run inside that failed
    // the state says what it was (a caught Parallel shows the error its Catch matched).
    const inner = meta.failedBy ?? meta.firstFailedChild;
    const w = writableRun(st, meta);
    if (inner?.run.error !== undefined) {
      w.error = inner.run.error;
      if (inner.run.cause !== undefined) w.cause = inner.run.cause;
    }
  }
  return meta;
}

function findMap(st: FoldState, prev: Owner | undefined, name: string | undefined): RunMeta | undefined {
  return findStateRun(st, prev, "Map", name);
}

export function mapIterationEvent(
  st: FoldState,
  e: HistoryEvent,
  phase: "started" | "succeeded" | "failed" | "aborted",
  d: Fields,
  ts: number,
  prev: Owner | undefined,
): Owner | undefined {
  const map = findMap(st, prev, textField(d, "name"));
  if (!map) return undefined;
  addEventId(st, map, e.id);
  const iterations = map.iterations ?? (map.iterations = new Map());
  const index = numberField(d, "index") ?? iterations.size;
  let scope = iterations.get(index);
  if (!scope) scope = newIteration(st, map, index, ts);
  else if (phase === "started") {
    // A redrive runs an iteration again under the same index.
    const g = writableGroup(st, scope);
    if (g) {
      g.status = "running";
      g.endedAt = undefined;
    }
  }
  if (phase === "started") return scope;
  closeScope(st, scope, phase === "aborted" ? "aborted" : "enclosingEnded", ts);
  const g = writableGroup(st, scope);
  if (g) {
    g.status = phase;
    g.endedAt = ts;
  }
  return map;
}

function newIteration(st: FoldState, map: RunMeta, index: number, ts: number): Scope {
  const iterations = map.iterations ?? (map.iterations = new Map());
  const r = writableRun(st, map);
  const list = r.iterations ?? (r.iterations = []);
  const groupPath = `${map.run.path}/iteration ${index}`;
  const scope = newScope("iteration", groupPath + "/", index, list.length, map);
  iterations.set(index, scope);
  const group: ChildGroup = { index, path: groupPath, status: "running", startedAt: ts, runPaths: [], endedAt: undefined };
  own(st, group);
  list.push(group);
  return scope;
}

export function mapRunEvent(
  st: FoldState,
  e: HistoryEvent,
  phase: "started" | "succeeded" | "failed" | "aborted" | "redriven",
  d: Fields,
  ts: number,
  prev: Owner | undefined,
): RunMeta | undefined {
  // A redrive may link to the ExecutionRedriven event rather than to the closed Map run: find
  // the run by its map run ARN then.
  const map = findMap(st, prev, undefined) ?? (phase === "redriven" ? mapWithRun(st, textField(d, "mapRunArn")) : undefined);
  if (!map) return undefined;
  // The Map state is not entered again: its run goes on with the map run's next try.
  if (phase === "redriven") reopenRun(st, map);
  const r = addEventId(st, map, e.id);
  const before = r.mapRun;
  if (phase === "started" || !before) {
    r.mapRun = {
      mapRunArn: textField(d, "mapRunArn") ?? before?.mapRunArn ?? "",
      status: "running",
      startedAt: ts,
      // Without a MapRunStarted seen (a Map entered again by a redrive), the try begins with this event.
      tries: phase === "started" ? mapRunTries(before?.tries, "started", d, ts) : [],
    };
    if (phase === "started") return map;
  }
  const next: MapRunRef = { ...(r.mapRun as MapRunRef) };
  if (phase === "redriven") {
    next.status = "running";
    next.endedAt = undefined;
  } else {
    next.status = phase;
    next.endedAt = ts;
    const error = textField(d, "error");
    const cause = textField(d, "cause");
    if (error !== undefined) next.error = error;
    if (cause !== undefined) next.cause = cause;
  }
  next.tries = mapRunTries(next.tries, phase, d, ts);
  r.mapRun = next;
  return map;
}

/** The latest Map run whose map run has this ARN (any ARN when the event names none). */
function mapWithRun(st: FoldState, mapRunArn: string | undefined): RunMeta | undefined {
  for (let i = st.metas.length - 1; i >= 0; i--) {
    const run = st.metas[i].run;
    if (run.mapRun && (mapRunArn === undefined || run.mapRun.mapRunArn === mapRunArn)) return st.metas[i];
  }
  return undefined;
}
