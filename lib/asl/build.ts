/**
 * ASL definition → state graph. Validates while it walks, so one pass reports every problem
 * with the state it concerns; never throws.
 */
import { conditionLabel } from "./condition-label";
import { markBackEdges } from "./back-edges";
import { branchGroupId, endNodeId, processorGroupId, startNodeId } from "./ids";
import { clip, shortResource } from "./resource";
import { branchLabel } from "../history/branch-label";
import { nestedScopes } from "./walk";
import {
  ROOT_SCOPE,
  STATE_TYPES,
  type AslProblem,
  type AslProblemCode,
  type BuildResult,
  type EdgeKind,
  type MapMode,
  type QueryLanguage,
  type StateEdge,
  type StateGraph,
  type StateGroup,
  type StateNode,
  type StateType,
} from "./types";

type Json = Record<string, unknown>;

interface Context {
  nodes: StateNode[];
  edges: StateEdge[];
  groups: StateGroup[];
  errors: AslProblem[];
  warnings: AslProblem[];
  /** Every state name seen so far, with where it was declared. */
  declared: Map<string, string>;
}

const TERMINAL_TYPES: ReadonlySet<string> = new Set(["Succeed", "Fail"]);
const CAN_CATCH: ReadonlySet<string> = new Set(["Task", "Parallel", "Map"]);

export function buildStateGraph(definition: string | unknown): BuildResult {
  const parsed = parseDefinition(definition);
  if (!parsed.ok) return { errors: [parsed.problem], warnings: [] };
  const root = parsed.value;
  const ctx: Context = { nodes: [], edges: [], groups: [], errors: [], warnings: [], declared: new Map() };
  const queryLanguage = readQueryLanguage(root, "JSONPath", "", undefined, ctx);
  walkScope(root, ROOT_SCOPE, "", queryLanguage, undefined, ctx);
  if (ctx.errors.length > 0) return { errors: ctx.errors, warnings: ctx.warnings };
  markBackEdges(ctx.nodes, ctx.edges);
  const byScope = new Map<string, string[]>();
  for (const n of ctx.nodes) byScope.set(n.scope, [...(byScope.get(n.scope) ?? []), n.id]);
  for (const group of ctx.groups) group.nodeIds = byScope.get(group.id) ?? [];
  const graph: StateGraph = {
    startAt: root.StartAt as string,
    queryLanguage,
    comment: typeof root.Comment === "string" ? root.Comment : undefined,
    nodes: ctx.nodes,
    edges: ctx.edges,
    groups: ctx.groups,
    stateNames: [...ctx.declared.keys()],
  };
  return { graph, errors: [], warnings: ctx.warnings };
}

function parseDefinition(definition: unknown): { ok: true; value: Json } | { ok: false; problem: AslProblem } {
  let value = definition;
  if (typeof definition === "string") {
    try {
      value = JSON.parse(definition);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return fail("not_json", `The definition is not valid JSON: ${reason}.`);
    }
  }
  if (!isObject(value)) {
    const what = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    return fail("not_object", `The definition must be a JSON object with StartAt and States, but it is ${what}.`);
  }
  return { ok: true, value };

  function fail(code: AslProblemCode, message: string) {
    return { ok: false as const, problem: { code, message, path: "" } };
  }
}

function walkScope(
  scope: Json,
  scopeId: string,
  path: string,
  queryLanguage: QueryLanguage,
  owner: string | undefined,
  ctx: Context,
): void {
  const where = owner === undefined ? "The state machine" : `In "${owner}", ${scopeLabel(scopeId)}`;
  const at = (suffix: string) => (path ? `${path}.${suffix}` : suffix);
  const states = scope.States;
  if (!isObject(states)) {
    problem(ctx, "missing_states", `${where} has no States object.`, owner, at("States"));
    return;
  }
  const names = Object.keys(states);
  if (names.length === 0) problem(ctx, "missing_states", `${where} has an empty States object.`, owner, at("States"));
  for (const name of names) {
    const first = ctx.declared.get(name);
    if (first !== undefined) {
      problem(ctx, "duplicate_state", `State "${name}" is declared twice (also at ${first}); state names must be unique in a state machine.`, name, at(`States.${name}`));
    } else {
      ctx.declared.set(name, at(`States.${name}`));
    }
  }
  const inScope = new Set(names);
  const startAt = scope.StartAt;
  const startId = startNodeId(scopeId);
  ctx.nodes.push({ id: startId, kind: "start", name: "Start", scope: scopeId });
  if (typeof startAt !== "string" || startAt === "") {
    problem(ctx, "missing_start_at", `${where} has no StartAt: name the state to start with.`, owner, at("StartAt"));
  } else if (!inScope.has(startAt)) {
    problem(ctx, "start_at_missing_state", `${where} starts at "${startAt}", but there is no state "${startAt}"${owner === undefined ? "" : " in it"}.`, owner ?? startAt, at("StartAt"));
  } else {
    addEdge(ctx, startId, startAt, "next", scopeId);
  }

  let endUsed = false;
  const endId = endNodeId(scopeId);
  const firstEdge = ctx.edges.length - (typeof startAt === "string" && inScope.has(startAt) ? 1 : 0);
  for (const name of names) {
    const statePath = at(`States.${name}`);
    const ended = walkState(name, states[name], scopeId, statePath, inScope, queryLanguage, endId, ctx);
    endUsed ||= ended;
  }
  // Only scopes that can finish get an End node; a scope that loops forever has none.
  if (endUsed) ctx.nodes.push({ id: endId, kind: "end", name: "End", scope: scopeId });
  if (typeof startAt === "string" && inScope.has(startAt)) warnUnreachable(startAt, names, scopeId, path, firstEdge, ctx);
}

/** Returns true when the state ends its scope (an edge to the scope's End node). */
function walkState(
  name: string,
  raw: unknown,
  scopeId: string,
  path: string,
  inScope: ReadonlySet<string>,
  inherited: QueryLanguage,
  endId: string,
  ctx: Context,
): boolean {
  if (!isObject(raw)) {
    problem(ctx, "state_not_object", `State "${name}" must be a JSON object with a Type.`, name, path);
    return false;
  }
  const type = raw.Type;
  if (type === undefined) {
    problem(ctx, "missing_type", `State "${name}" has no Type (expected one of ${STATE_TYPES.join(", ")}).`, name, path);
    return false;
  }
  if (typeof type !== "string" || !(STATE_TYPES as readonly string[]).includes(type)) {
    problem(ctx, "unknown_type", `State "${name}" has an unknown Type ${JSON.stringify(type)} (expected one of ${STATE_TYPES.join(", ")}).`, name, path);
    return false;
  }
  const stateType = type as StateType;
  const queryLanguage = readQueryLanguage(raw, inherited, path, name, ctx);
  const node: StateNode = { id: name, kind: "state", name, scope: scopeId, type: stateType, queryLanguage };
  if (typeof raw.Comment === "string") node.comment = raw.Comment;
  if (isObject(raw.Assign)) node.assigns = Object.keys(raw.Assign);
  if (Array.isArray(raw.Retry) && raw.Retry.length > 0) node.retries = true;
  ctx.nodes.push(node);

  const target = (next: unknown, field: string): string | undefined => {
    if (typeof next !== "string" || next === "") {
      problem(ctx, "next_missing_state", `State "${name}": ${field} must name a state.`, name, `${path}.${field}`);
      return undefined;
    }
    if (!inScope.has(next)) {
      problem(ctx, "next_missing_state", `State "${name}": ${field} goes to "${next}", but there is no state "${next}" in the same scope.`, name, `${path}.${field}`);
      return undefined;
    }
    return next;
  };

  let ends = false;
  if (TERMINAL_TYPES.has(stateType) || stateType === "Choice") {
    if (raw.Next !== undefined || raw.End !== undefined) {
      const instead = stateType === "Choice" ? "use Choices and Default" : "it ends the execution by itself";
      problem(ctx, "terminal_with_transition", `State "${name}" is a ${stateType} state, which can't have Next or End: ${instead}.`, name, path);
    }
    if (TERMINAL_TYPES.has(stateType)) {
      addEdge(ctx, name, endId, "end", scopeId);
      ends = true;
    }
  } else {
    const hasNext = raw.Next !== undefined;
    const hasEnd = raw.End === true;
    if (hasNext && hasEnd) {
      problem(ctx, "next_and_end", `State "${name}" has both Next and End: keep one.`, name, path);
    } else if (!hasNext && !hasEnd) {
      problem(ctx, "missing_transition", `State "${name}" has neither Next nor "End": true, so the workflow can't go on after it.`, name, path);
    } else if (hasEnd) {
      addEdge(ctx, name, endId, "end", scopeId);
      ends = true;
    } else {
      const next = target(raw.Next, "Next");
      if (next) addEdge(ctx, name, next, "next", scopeId);
    }
  }

  if (stateType === "Task") readTask(name, raw, node, path, ctx);
  if (stateType === "Choice") readChoice(name, raw, path, scopeId, target, ctx);
  if (stateType === "Parallel") readParallel(name, raw, node, path, scopeId, queryLanguage, ctx);
  if (stateType === "Map") readMap(name, raw, node, path, scopeId, queryLanguage, ctx);
  if (CAN_CATCH.has(stateType)) readCatch(name, raw, path, scopeId, target, ctx);
  return ends;
}

function readTask(name: string, raw: Json, node: StateNode, path: string, ctx: Context): void {
  if (typeof raw.Resource !== "string" || raw.Resource === "") {
    problem(ctx, "task_without_resource", `Task "${name}" has no Resource: name the Lambda function, activity or service integration it calls.`, name, `${path}.Resource`);
    return;
  }
  node.resourceArn = raw.Resource;
  node.resource = shortResource(raw.Resource);
}

function readChoice(
  name: string,
  raw: Json,
  path: string,
  scopeId: string,
  target: (next: unknown, field: string) => string | undefined,
  ctx: Context,
): void {
  const choices = raw.Choices;
  if (!Array.isArray(choices) || choices.length === 0) {
    problem(ctx, "choice_without_choices", `Choice "${name}" has no Choices: it needs at least one rule.`, name, `${path}.Choices`);
  } else {
    choices.forEach((rule, i) => {
      if (!isObject(rule)) {
        problem(ctx, "choice_rule_invalid", `Choice "${name}": rule ${i + 1} must be a JSON object.`, name, `${path}.Choices[${i}]`);
        return;
      }
      const next = target(rule.Next, `Choices[${i}].Next`);
      if (next) addEdge(ctx, name, next, "choice", scopeId, conditionLabel(rule));
    });
  }
  if (raw.Default !== undefined) {
    const next = target(raw.Default, "Default");
    if (next) addEdge(ctx, name, next, "default", scopeId, "Default");
  }
}

function readParallel(name: string, raw: Json, node: StateNode, path: string, scopeId: string, ql: QueryLanguage, ctx: Context): void {
  const branches = raw.Branches;
  if (!Array.isArray(branches) || branches.length === 0) {
    problem(ctx, "parallel_without_branches", `Parallel "${name}" has no Branches: it needs at least one.`, name, `${path}.Branches`);
    return;
  }
  branches.forEach((branch, i) => {
    if (!isObject(branch)) {
      problem(ctx, "parallel_without_branches", `Parallel "${name}": branch ${i} must be a JSON object with StartAt and States.`, name, `${path}.Branches[${i}]`);
    }
  });
  node.groups = [];
  for (const nested of nestedScopes(raw)) {
    if (nested.kind !== "branch") continue;
    const id = branchGroupId(name, nested.index);
    node.groups.push(id);
    addGroup(ctx, { id, kind: "branch", owner: name, parentScope: scopeId, label: branchLabel(nested.index), startAt: String(nested.scope.StartAt ?? ""), nodeIds: [] });
    walkScope(nested.scope, id, `${path}.${nested.field}`, ql, name, ctx);
  }
}

function readMap(name: string, raw: Json, node: StateNode, path: string, scopeId: string, ql: QueryLanguage, ctx: Context): void {
  const processor = nestedScopes(raw).find((n) => n.kind === "processor");
  if (!processor) {
    problem(ctx, "map_without_processor", `Map "${name}" has no ItemProcessor (or legacy Iterator): it needs the states to run for each item.`, name, `${path}.ItemProcessor`);
    return;
  }
  const mode: MapMode = processor.mapMode ?? "inline";
  node.mapMode = mode;
  const id = processorGroupId(name);
  node.groups = [id];
  const label = mode === "distributed" ? "Distributed item processor" : mode === "legacy" ? "Iterator" : "Item processor";
  addGroup(ctx, { id, kind: "processor", owner: name, parentScope: scopeId, label, startAt: String(processor.scope.StartAt ?? ""), nodeIds: [], mapMode: mode });
  walkScope(processor.scope, id, `${path}.${processor.field}`, ql, name, ctx);
}

function readCatch(
  name: string,
  raw: Json,
  path: string,
  scopeId: string,
  target: (next: unknown, field: string) => string | undefined,
  ctx: Context,
): void {
  if (raw.Catch === undefined) return;
  if (!Array.isArray(raw.Catch)) {
    problem(ctx, "catch_invalid", `State "${name}": Catch must be a list of catchers.`, name, `${path}.Catch`);
    return;
  }
  raw.Catch.forEach((catcher, i) => {
    const at = `${path}.Catch[${i}]`;
    if (!isObject(catcher)) {
      problem(ctx, "catch_invalid", `State "${name}": catcher ${i + 1} must be a JSON object.`, name, at);
      return;
    }
    const errors = catcher.ErrorEquals;
    if (!Array.isArray(errors) || errors.length === 0 || !errors.every((e) => typeof e === "string")) {
      problem(ctx, "catch_invalid", `State "${name}": catcher ${i + 1} needs ErrorEquals, a non-empty list of error names.`, name, `${at}.ErrorEquals`);
    }
    const next = target(catcher.Next, `Catch[${i}].Next`);
    if (next && Array.isArray(errors)) addEdge(ctx, name, next, "catch", scopeId, clip(errors.map(String).join(", "), 36));
  });
}

function readQueryLanguage(raw: Json, inherited: QueryLanguage, path: string, state: string | undefined, ctx: Context): QueryLanguage {
  const value = raw.QueryLanguage;
  if (value === undefined) return inherited;
  if (value === "JSONPath" || value === "JSONata") return value;
  const who = state === undefined ? "The state machine" : `State "${state}"`;
  problem(ctx, "invalid_query_language", `${who} has QueryLanguage ${JSON.stringify(value)}; expected "JSONPath" or "JSONata".`, state, path ? `${path}.QueryLanguage` : "QueryLanguage");
  return inherited;
}

/** Scopes are walked one after the other, so this scope's edges all come after `firstEdge`. */
function warnUnreachable(startAt: string, names: string[], scopeId: string, path: string, firstEdge: number, ctx: Context): void {
  const out = new Map<string, string[]>();
  for (let i = firstEdge; i < ctx.edges.length; i++) {
    const e = ctx.edges[i];
    if (e.scope !== scopeId) continue;
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const seen = new Set([startAt]);
  const stack = [startAt];
  while (stack.length > 0) {
    for (const to of out.get(stack.pop() as string) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
    }
  }
  for (const name of names) {
    if (!seen.has(name)) {
      ctx.warnings.push({ code: "unreachable_state", message: `State "${name}" can't be reached from "${startAt}".`, state: name, path: path ? `${path}.States.${name}` : `States.${name}` });
    }
  }
}

function addEdge(ctx: Context, from: string, to: string, kind: EdgeKind, scope: string, label?: string): void {
  const edge: StateEdge = { id: `e${ctx.edges.length}`, from, to, kind, scope };
  if (label !== undefined) edge.label = label;
  ctx.edges.push(edge);
}

function addGroup(ctx: Context, group: StateGroup): void {
  ctx.groups.push(group);
}

function problem(ctx: Context, code: AslProblemCode, message: string, state: string | undefined, path: string): void {
  const p: AslProblem = { code, message, path };
  if (state !== undefined) p.state = state;
  ctx.errors.push(p);
}

function scopeLabel(scopeId: string): string {
  const slash = scopeId.lastIndexOf("/");
  return slash >= 0 ? scopeId.slice(slash + 1) : scopeId;
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
