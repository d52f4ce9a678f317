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
  if (events.slice(0, -1).some((e) => TERMINAL.has(e.type))) problems.push("a terminal event before the end");

  const states = statesByName(definition);

  // Every entered state exits, unless the execution did not succeed (or is still running).
  // A state cut short by a failing sibling branch or iteration ends with <Type>StateAborted,
  // which, as in real histories, names no state: those are matched by count.
  if (status === "SUCCEEDED") {
    const open = new Map<string, number>();
    for (const e of events) {
      const name = nameOf(e);
      if (!name) continue;
      if (e.type.endsWith("StateEntered")) open.set(name, (open.get(name) ?? 0) + 1);
      if (e.type.endsWith("StateExited")) open.set(name, (open.get(name) ?? 0) - 1);
    }
    const aborted = events.filter((e) => e.type.endsWith("StateAborted")).length;
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
