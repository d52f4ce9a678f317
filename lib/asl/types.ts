/**
 * The state graph: what `buildStateGraph` makes of an Amazon States Language definition, and
 * what `layoutStateGraph` places. Pure data, safe to serialise.
 */

export const STATE_TYPES = ["Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"] as const;
export type StateType = (typeof STATE_TYPES)[number];

export type QueryLanguage = "JSONPath" | "JSONata";

/** The root scope's id. Groups (Parallel branches, Map processors) are scopes too. */
export const ROOT_SCOPE = "";

export type MapMode = "inline" | "distributed" | "legacy";

export interface StateNode {
  /** The state's name for states (unique in a machine); a synthetic id for Start/End. */
  id: string;
  kind: "state" | "start" | "end";
  /** What to show: the state's name, or "Start"/"End". */
  name: string;
  /** The scope the node lives in: ROOT_SCOPE or a group id. */
  scope: string;
  type?: StateType;
  /** A Task's resource in short form, e.g. `lambda:invoke`, `dynamodb:getItem`. */
  resource?: string;
  /** A Task's resource as written. */
  resourceArn?: string;
  /** The query language in force for this state (its own, else inherited). */
  queryLanguage?: QueryLanguage;
  /** Names of the variables this state's `Assign` sets. */
  assigns?: string[];
  comment?: string;
  /** Parallel/Map: ids of the groups drawn inside this state, in order. */
  groups?: string[];
  mapMode?: MapMode;
  /** True when the state has a Retry policy. */
  retries?: boolean;
}

export type EdgeKind = "next" | "choice" | "default" | "catch" | "end";

export interface StateEdge {
  /** Unique in the graph. */
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  /** Choice: the rule's condition in short; catch: the error names. */
  label?: string;
  scope: string;
  /** True when the edge closes a loop (found by a depth-first walk from StartAt). */
  back?: boolean;
}

/** A Parallel branch or a Map's item processor: a nested scope drawn inside its state. */
export interface StateGroup {
  id: string;
  kind: "branch" | "processor";
  /** The Parallel/Map state that owns the group. */
  owner: string;
  /** The scope the owner lives in. */
  parentScope: string;
  label: string;
  startAt: string;
  /** Ids of the nodes inside (states plus the group's Start/End), not those of nested groups. */
  nodeIds: string[];
  mapMode?: MapMode;
}

export interface StateGraph {
  startAt: string;
  queryLanguage: QueryLanguage;
  comment?: string;
  nodes: StateNode[];
  edges: StateEdge[];
  groups: StateGroup[];
  /** Names of every state, nested ones included. */
  stateNames: string[];
}

export type AslProblemCode =
  | "not_json"
  | "not_object"
  | "missing_states"
  | "missing_start_at"
  | "start_at_missing_state"
  | "state_not_object"
  | "missing_type"
  | "unknown_type"
  | "missing_transition"
  | "next_and_end"
  | "next_missing_state"
  | "terminal_with_transition"
  | "choice_without_choices"
  | "choice_rule_invalid"
  | "parallel_without_branches"
  | "map_without_processor"
  | "task_without_resource"
  | "catch_invalid"
  | "duplicate_state"
  | "invalid_query_language"
  | "unreachable_state";

export interface AslProblem {
  code: AslProblemCode;
  /** A sentence a person can act on; it names the state when there is one. */
  message: string;
  /** The state the problem concerns, when there is one. */
  state?: string;
  /** Where in the definition, e.g. `States.Fan.Branches[0].States.Charge`. */
  path: string;
}

export type BuildResult =
  | { graph: StateGraph; errors: []; warnings: AslProblem[] }
  | { graph?: undefined; errors: AslProblem[]; warnings: AslProblem[] };
