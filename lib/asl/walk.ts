/**
 * The one walk over an ASL definition. Which nested scopes a state has (a Parallel's branches,
 * a Map's ItemProcessor or legacy Iterator) and which mode a Map runs in are decided here and
 * nowhere else: the graph builder, the state lookup, the state order of the fleet pages, the
 * import's name matching and Parallel branch identity all go through it, so they cannot
 * disagree about what is inside what.
 *
 * Tolerant: a definition that does not validate is walked as far as it makes sense (the state
 * detail and branch identity still work on a machine the graph cannot draw).
 */
import type { MapMode } from "./types";

type Json = Record<string, unknown>;

/** One scope nested in a state: a Parallel branch or a Map's item processor. */
export interface NestedScope {
  kind: "branch" | "processor";
  /** Branch index in `Branches` (0-based, as the definition orders them); 0 for a processor. */
  index: number;
  /** Where it is in the state: `Branches[1]`, `ItemProcessor`, `Iterator`. */
  field: string;
  scope: Json;
  /** Map only. */
  mapMode?: MapMode;
}

/** What the walk tells a visitor about each state. */
export interface VisitedState {
  name: string;
  state: Json;
  depth: number;
  /** The Parallel or Map this state is directly inside, and which of its scopes. */
  owner?: { name: string; scope: NestedScope };
}

const MAX_DEPTH = 100;

/**
 * How a Map runs. `ProcessorConfig.Mode: DISTRIBUTED` makes a distributed Map (AWS runs it as a
 * map run of child executions) whether the processor is written as `ItemProcessor` or as the
 * legacy `Iterator`; an `Iterator` without it is the legacy inline Map.
 */
export function mapModeOf(state: Json): MapMode {
  const field = isObject(state.ItemProcessor) ? "ItemProcessor" : "Iterator";
  const processor = state[field];
  const config = isObject(processor) && isObject(processor.ProcessorConfig) ? processor.ProcessorConfig : undefined;
  if (config?.Mode === "DISTRIBUTED") return "distributed";
  return field === "Iterator" ? "legacy" : "inline";
}

/** The scopes nested in one state, in the definition's order. */
export function nestedScopes(state: unknown): NestedScope[] {
  if (!isObject(state)) return [];
  const scopes: NestedScope[] = [];
  if (Array.isArray(state.Branches)) {
    state.Branches.forEach((branch, index) => {
      if (isObject(branch)) scopes.push({ kind: "branch", index, field: `Branches[${index}]`, scope: branch });
    });
  }
  const field = isObject(state.ItemProcessor) ? "ItemProcessor" : isObject(state.Iterator) ? "Iterator" : undefined;
  if (field) scopes.push({ kind: "processor", index: 0, field, scope: state[field] as Json, mapMode: mapModeOf(state) });
  return scopes;
}

/** The `States` object of a scope, when it is one. */
export function statesOf(scope: unknown): Json | undefined {
  return isObject(scope) && isObject(scope.States) ? scope.States : undefined;
}

/**
 * Visits every state, depth first, each right before the states nested in it, in the order the
 * definition writes them. Accepts a parsed definition or its JSON text.
 */
export function forEachState(definition: unknown, visit: (s: VisitedState) => void): void {
  const root = typeof definition === "string" ? parseQuietly(definition) : definition;
  const walk = (scope: unknown, depth: number, owner: VisitedState["owner"]) => {
    if (depth > MAX_DEPTH) return;
    const states = statesOf(scope);
    if (!states) return;
    for (const [name, state] of Object.entries(states)) {
      if (!isObject(state)) {
        visit({ name, state: {}, depth, owner });
        continue;
      }
      visit({ name, state, depth, owner });
      for (const nested of nestedScopes(state)) walk(nested.scope, depth + 1, { name, scope: nested });
    }
  };
  walk(root, 0, undefined);
}

/** Every state name, in definition order (nested ones right after their parent). */
export function stateNamesIn(definition: unknown): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  forEachState(definition, ({ name }) => {
    if (!seen.has(name)) {
      seen.add(name);
      names.push(name);
    }
  });
  return names;
}

/** A state's definition by name, anywhere in the document (names are unique in a machine). */
export function findStateIn(definition: unknown, name: string): (Json & { Type?: string }) | undefined {
  let found: Json | undefined;
  forEachState(definition, (s) => {
    if (found === undefined && s.name === name) found = s.state;
  });
  return found;
}

/**
 * For each state directly inside a Parallel branch: that branch's index in the definition
 * (0-based), keyed by state name. What a branch is called in run paths comes from here.
 */
export function branchIndexOf(definition: unknown): Map<string, number> {
  const index = new Map<string, number>();
  forEachState(definition, ({ name, owner }) => {
    if (owner?.scope.kind === "branch" && !index.has(name)) index.set(name, owner.scope.index);
  });
  return index;
}

/** States that end their scope when they exit: `End: true`, Succeed and Fail. */
export function scopeEndingStates(definition: unknown): Set<string> {
  const names = new Set<string>();
  forEachState(definition, ({ name, state }) => {
    if (state.End === true || state.Type === "Succeed" || state.Type === "Fail") names.add(name);
  });
  return names;
}

function parseQuietly(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
