/**
 * Consistency rules every history of the demo account must follow, written against the wire
 * shape (what GetExecutionHistory returns), so they also hold for what clients see.
 */
import type { AslMachine, AslState, Retrier } from "@/mocks/sim/asl";
import { errorMatches } from "@/mocks/sim/retry";

export interface WireEvent {
  id: number;
  previousEventId: number;
  type: string;
  timestamp: number;
  [details: string]: unknown;
}

const TERMINAL = new Set(["ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"]);

/** Every state of a definition, nested ones included, with where it lives. */
export function statesByName(machine: AslMachine, scope = "", out = new Map<string, { state: AslState; scope: string }>()) {
  for (const [name, state] of Object.entries(machine.States)) {
    out.set(name, { state, scope });
    state.Branches?.forEach((b, i) => statesByName(b, `${scope}${name}/branch ${i}/`, out));
    if (state.ItemProcessor && state.ItemProcessor.ProcessorConfig?.Mode !== "DISTRIBUTED") {
      statesByName(state.ItemProcessor, `${scope}${name}/iteration/`, out);
    }
  }
  return out;
}

function nameOf(e: WireEvent): string | undefined {
  const d = (e.stateEnteredEventDetails ?? e.stateExitedEventDetails) as { name?: string } | undefined;
  return d?.name;
}

/** Returns a list of problems; empty when the history is consistent. */
export function checkHistory(events: WireEvent[], definition: AslMachine, status: string): string[] {
  const problems: string[] = [];
  const byId = new Map(events.map((e) => [e.id, e]));
  events.forEach((e, i) => {
    if (e.id !== i + 1) problems.push(`event #${i + 1} has id ${e.id}`);
    if (!(e.previousEventId >= 0 && e.previousEventId < e.id)) problems.push(`event ${e.id} links to ${e.previousEventId}`);
    if (i > 0 && e.timestamp < events[i - 1].timestamp) problems.push(`event ${e.id} goes back in time`);
  });
  if (events[0]?.type !== "ExecutionStarted") problems.push("history does not begin with ExecutionStarted");
  const last = events[events.length - 1];
  const finished = TERMINAL.has(last?.type ?? "");
  if ((status === "RUNNING") === finished) problems.push(`status ${status} but last event is ${last?.type}`);
  // A terminal event ends the history, unless a redrive continues it right after.
  events.slice(0, -1).forEach((e, i) => {
    if (TERMINAL.has(e.type) && events[i + 1].type !== "ExecutionRedriven") problems.push(`terminal event ${e.id} is followed by ${events[i + 1].type}`);
  });
  problems.push(...checkRedrives(events));
  problems.push(...checkHistoryQuota(events));

  const states = statesByName(definition);

  // Every entered state exits, unless the execution did not succeed (or is still running).
  // A state cut short by a failing sibling branch or iteration ends with <Type>StateAborted,
  // which, as in real histories, names no state: those are matched by count.
  if (status === "SUCCEEDED") {
    const open = new Map<string, number>();
    // A redriven history is checked from its last redrive on: the failed attempt stays as it was.
    const lastRedrive = events.map((e) => e.type).lastIndexOf("ExecutionRedriven");
    // A redriven distributed Map is not entered again: its map run goes on (MapRunRedriven).
    const resumed = lastRedrive >= 0 ? resumedMap(events, lastRedrive, byId) : undefined;
    if (resumed) open.set(resumed, 1);
    for (const e of events.slice(lastRedrive + 1)) {
      const name = nameOf(e);
      if (!name) continue;
      if (e.type.endsWith("StateEntered")) open.set(name, (open.get(name) ?? 0) + 1);
      if (e.type.endsWith("StateExited")) open.set(name, (open.get(name) ?? 0) - 1);
    }
    const aborted = events.slice(lastRedrive + 1).filter((e) => e.type.endsWith("StateAborted")).length;
    const unexited = [...open.values()].reduce((sum, n) => sum + n, 0);
    for (const [name, count] of open) if (count < 0) problems.push(`state ${name} exited more often than entered`);
    if (unexited !== aborted) problems.push(`${unexited} states entered and exited unevenly, ${aborted} aborted`);
  }

  // Events inside a branch or an iteration chain back to that branch's or iteration's start.
  const chain = (e: WireEvent) => {
    const seen: WireEvent[] = [];
    let p = byId.get(e.previousEventId);
    while (p) {
      seen.push(p);
      p = byId.get(p.previousEventId);
    }
    return seen;
  };
  for (const e of events) {
    const name = nameOf(e);
    if (!name || !e.type.endsWith("StateEntered")) continue;
    const where = states.get(name);
    if (!where) {
      problems.push(`state ${name} is not in the definition`);
      continue;
    }
    if (!e.type.startsWith(where.state.Type)) problems.push(`${e.type} for a ${where.state.Type} state`);
    if (!where.scope) continue;
    const ancestors = chain(e);
    const parts = where.scope.split("/").filter(Boolean);
    const owner = parts[parts.length - 2];
    const kind = parts[parts.length - 1];
    if (kind === "iteration") {
      const start = ancestors.find((a) => a.type === "MapIterationStarted");
      const details = start?.mapIterationStartedEventDetails as { name?: string } | undefined;
      if (details?.name !== owner) problems.push(`state ${name} (event ${e.id}) does not chain back to an iteration of ${owner}`);
    } else {
      const branchIndex = Number(kind.replace("branch ", ""));
      if (!ancestors.some((a) => a.type === "ParallelStateStarted")) problems.push(`state ${name} (event ${e.id}) is outside its Parallel`);
      for (const a of ancestors) {
        const other = nameOf(a) ? states.get(nameOf(a)!) : undefined;
        if (other && other.scope.startsWith(`${where.scope.split("/branch ")[0]}/branch `) && !other.scope.startsWith(`${where.scope.split("/branch ")[0]}/branch ${branchIndex}/`)) {
          problems.push(`state ${name} (event ${e.id}) chains through ${nameOf(a)} of another branch`);
        }
      }
    }
  }
  for (const e of events) {
    if (e.type !== "MapIterationSucceeded" && e.type !== "MapIterationFailed") continue;
    const index = ((e.mapIterationSucceededEventDetails ?? e.mapIterationFailedEventDetails) as { index: number }).index;
    const start = chain(e).find((a) => a.type === "MapIterationStarted");
    if ((start?.mapIterationStartedEventDetails as { index?: number } | undefined)?.index !== index) {
      problems.push(`iteration ${index} ends (event ${e.id}) without chaining to its own start`);
    }
  }

  problems.push(...checkRetries(events, byId, states));
  problems.push(...checkVariables(events, states));
  problems.push(...checkEvaluationFailures(events, byId, states));
  return problems;
}

/** The Map state whose map run the redrive at `at` continues (MapRunRedriven right after it), by name. */
function resumedMap(events: WireEvent[], at: number, byId: Map<number, WireEvent>): string | undefined {
  const next = events[at + 1];
  if (next?.type !== "MapRunRedriven") return undefined;
  const arn = (next.mapRunRedrivenEventDetails as { mapRunArn?: string }).mapRunArn;
  const started = events.find((e) => e.type === "MapRunStarted" && (e.mapRunStartedEventDetails as { mapRunArn?: string }).mapRunArn === arn);
  let p = started && byId.get(started.previousEventId);
  while (p && p.type !== "MapStateEntered") p = byId.get(p.previousEventId);
  return p ? nameOf(p) : undefined;
}

/** ExecutionRedriven follows a failed attempt's terminal event and counts the redrives. */
function checkRedrives(events: WireEvent[]): string[] {
  const problems: string[] = [];
  let count = 0;
  events.forEach((e, i) => {
    if (e.type !== "ExecutionRedriven") return;
    count++;
    const before = events[i - 1];
    if (!before || !["ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"].includes(before.type)) problems.push(`redrive ${e.id} does not follow a failed attempt`);
    if (e.previousEventId !== before?.id) problems.push(`redrive ${e.id} links to ${e.previousEventId}, not to the attempt's end`);
    const details = e.executionRedrivenEventDetails as { redriveCount?: number } | undefined;
    if (details && details.redriveCount !== count) problems.push(`redrive ${e.id} says redriveCount ${details.redriveCount}, it is redrive ${count}`);
    const next = events[i + 1];
    if (next?.type === "MapRunRedriven") {
      const run = next.mapRunRedrivenEventDetails as { mapRunArn?: string; redriveCount?: number };
      if (!events.some((s) => s.id < e.id && s.type === "MapRunFailed")) problems.push(`map run redriven at ${next.id} had not failed`);
      if (next.previousEventId !== e.id) problems.push(`MapRunRedriven ${next.id} links to ${next.previousEventId}, not to the redrive`);
      if (run.redriveCount !== count) problems.push(`MapRunRedriven ${next.id} says redriveCount ${run.redriveCount}, it is redrive ${count}`);
    }
  });
  return problems;
}

export const HISTORY_QUOTA = 25_000;
export const HISTORY_QUOTA_CAUSE = "The execution reached the maximum number of history events (25000).";

/** No history is longer than the quota; one that reaches it ends there, as the service ends it. */
function checkHistoryQuota(events: WireEvent[]): string[] {
  if (events.length > HISTORY_QUOTA) return [`${events.length} events, more than the quota of ${HISTORY_QUOTA}`];
  if (events.length < HISTORY_QUOTA) return [];
  const last = events[events.length - 1];
  const details = last.executionFailedEventDetails as { error?: string; cause?: string } | undefined;
  if (last.type === "ExecutionSucceeded") return [];
  if (last.type !== "ExecutionFailed" || details?.error !== "States.Runtime" || details.cause !== HISTORY_QUOTA_CAUSE) {
    return [`event ${HISTORY_QUOTA} is ${last.type} ${JSON.stringify(details)}, not the quota's ExecutionFailed`];
  }
  return [];
}

/** Every variable name a state may assign: its own Assign, its Choice rules' and its Catchers'. */
function assignable(state: AslState): Set<string> {
  const names = new Set(Object.keys(state.Assign ?? {}));
  for (const rule of state.Choices ?? []) for (const n of Object.keys(rule.Assign ?? {})) names.add(n);
  for (const c of state.Catch ?? []) for (const n of Object.keys(c.Assign ?? {})) names.add(n);
  return names;
}

/**
 * assignedVariables appear on a state's Exited event when it assigns, as on the wire: each value
 * the JSON text of the variable's value, with assignedVariablesDetails beside it.
 */
function checkVariables(events: WireEvent[], states: ReturnType<typeof statesByName>): string[] {
  const problems: string[] = [];
  for (const e of events) {
    if (!e.type.endsWith("StateExited")) continue;
    const d = e.stateExitedEventDetails as { name: string; assignedVariables?: Record<string, unknown>; assignedVariablesDetails?: { truncated?: boolean } } | undefined;
    if (!d) continue;
    const state = states.get(d.name)?.state;
    const may = state ? assignable(state) : new Set<string>();
    if (!d.assignedVariables) {
      // A state whose only Assign is its own must have assigned on a normal exit.
      if (state?.Assign && may.size === Object.keys(state.Assign).length && !state.Catch?.some((c) => c.Assign)) problems.push(`${d.name} (event ${e.id}) exits without the variables it assigns`);
      continue;
    }
    if (d.assignedVariablesDetails?.truncated !== false) problems.push(`${d.name} (event ${e.id}) has assignedVariables without assignedVariablesDetails`);
    for (const [name, value] of Object.entries(d.assignedVariables)) {
      if (!may.has(name)) problems.push(`${d.name} (event ${e.id}) assigns ${name}, which its definition does not`);
      if (typeof value !== "string") problems.push(`${d.name} (event ${e.id}) variable ${name} is not JSON text`);
      else {
        try {
          JSON.parse(value);
        } catch {
          problems.push(`${d.name} (event ${e.id}) variable ${name} is not JSON text: ${value}`);
        }
      }
    }
  }
  return problems;
}

/**
 * EvaluationFailed names a state of the definition and the field, and its cause the event at
 * which that state was entered; the execution (or the state's Catch) takes the same error.
 */
function checkEvaluationFailures(events: WireEvent[], byId: Map<number, WireEvent>, states: ReturnType<typeof statesByName>): string[] {
  const problems: string[] = [];
  for (const e of events) {
    if (e.type !== "EvaluationFailed") continue;
    const d = e.evaluationFailedEventDetails as { error?: string; cause?: string; state?: string; location?: string };
    if (d.error !== "States.QueryEvaluationError") problems.push(`EvaluationFailed ${e.id} has error ${d.error}`);
    if (!d.state || !states.has(d.state)) problems.push(`EvaluationFailed ${e.id} names state ${d.state}, not in the definition`);
    const m = /^An error occurred while executing the state '([^']+)' \(entered at the event id #(\d+)\)\. /.exec(d.cause ?? "");
    const entered = m ? byId.get(Number(m[2])) : undefined;
    if (!m || m[1] !== d.state || !entered?.type.endsWith("StateEntered") || nameOf(entered) !== d.state) {
      problems.push(`EvaluationFailed ${e.id} cause does not name the event that entered ${d.state}: ${d.cause}`);
    }
    if (d.location && !(d.cause ?? "").includes(`for the field '${d.location}'`)) problems.push(`EvaluationFailed ${e.id} location ${d.location} is not the field its cause names`);
  }
  return problems;
}

/** The wait between a failed attempt and the next one follows the matching Retry entry. */
function checkRetries(events: WireEvent[], byId: Map<number, WireEvent>, states: ReturnType<typeof statesByName>): string[] {
  const problems: string[] = [];
  const retriesSoFar = new Map<string, number>();
  for (const e of events) {
    if (e.type !== "TaskScheduled") continue;
    const failed = byId.get(e.previousEventId);
    if (!failed || (failed.type !== "TaskFailed" && failed.type !== "TaskTimedOut")) continue;
    let entered: WireEvent | undefined = failed;
    while (entered && entered.type !== "TaskStateEntered") entered = byId.get(entered.previousEventId);
    const name = entered ? nameOf(entered) : undefined;
    const retriers: Retrier[] = (name && states.get(name)?.state.Retry) || [];
    const error = ((failed.taskFailedEventDetails ?? failed.taskTimedOutEventDetails) as { error: string }).error;
    const index = retriers.findIndex((r) => errorMatches(r.ErrorEquals, error));
    if (index < 0) {
      problems.push(`event ${e.id} retries ${name} after ${error}, which no Retry matches`);
      continue;
    }
    const r = retriers[index];
    const key = `${entered!.id}/${index}`;
    const n = retriesSoFar.get(key) ?? 0;
    retriesSoFar.set(key, n + 1);
    if (n >= (r.MaxAttempts ?? 3)) problems.push(`${name} retried more than MaxAttempts`);
    let expected = (r.IntervalSeconds ?? 1) * Math.pow(r.BackoffRate ?? 2, n);
    if (r.MaxDelaySeconds !== undefined) expected = Math.min(expected, r.MaxDelaySeconds);
    const waited = e.timestamp - failed.timestamp;
    const tolerance = 0.002;
    const fits = r.JitterStrategy === "FULL" ? waited >= -tolerance && waited <= expected + tolerance : Math.abs(waited - expected) <= tolerance;
    if (!fits) problems.push(`${name} retry ${n + 1} waited ${waited.toFixed(3)} s, expected ${expected} s`);
  }
  return problems;
}
