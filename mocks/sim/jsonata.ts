/**
 * JSONata in ASL (QueryLanguage "JSONata"): a string `{% expr %}` anywhere in Arguments, Output,
 * Assign, Items, Condition or Seconds is evaluated with `$states` and the workflow variables
 * bound. The expressions run on the jsonata library itself (its 1.x line evaluates
 * synchronously, which the one-pass planner needs), and a failure is reported with the error
 * and cause text Step Functions writes: States.QueryEvaluationError, naming the field.
 */
import jsonata from "jsonata";
import { type Json, StatesError } from "./jsonpath";

export type Variables = Readonly<Record<string, Json>>;

/** What `$states` holds while a state's fields are evaluated. */
export interface StatesBinding {
  input: Json;
  result?: Json;
  errorOutput?: Json;
  context: Json;
}

/**
 * The "(entered at the event id #n)" part of the cause is known only once the history's ids
 * are assigned; the recorder replaces this marker then (see Recorder.resolveEnteredIds).
 */
export const enteredAtMarker = (draftIndex: number) => `\u0000entered:${draftIndex}\u0000`;

/** A QueryEvaluationError as the service words it, for a state entered at `enteredDraft`. */
export class QueryEvaluationError extends StatesError {
  /** Set when the failing field is evaluated after the state's own events (a Task's Output, a Catch). */
  when?: { atMs: number; after: unknown };

  constructor(
    readonly location: string | undefined,
    readonly state: string,
    message: string,
    enteredDraft: number,
  ) {
    super("States.QueryEvaluationError", `An error occurred while executing the state '${state}' (entered at the event id #${enteredAtMarker(enteredDraft)}). ${message}`);
  }
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

interface Compiled {
  /** The expression as the service quotes it in a cause: without the `{% %}`. */
  text: string;
  expression: jsonata.Expression;
  /** For a bare reference such as `$states.input.a.b` or `$total`: the variable, then the fields. */
  reference?: string[];
}

/** `$name` followed by `.field`s: most expressions in a definition are just that. */
const REFERENCE = /^\$([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)*)$/;

// Definitions use the same few expressions over and over: parse each once.
const compiled = new Map<string, Compiled>();

function compile(field: string): Compiled {
  let c = compiled.get(field);
  if (!c) {
    const text = EXPRESSION.exec(field.trim())![1].trim();
    const ref = REFERENCE.exec(text);
    c = { text, expression: jsonata(text), reference: ref ? [ref[1], ...ref[2].split(".").slice(1)] : undefined };
    if (compiled.size < 2_000) compiled.set(field, c);
  }
  return c;
}

export function isExpression(value: unknown): value is string {
  return typeof value === "string" && EXPRESSION.test(value.trim());
}

export interface EvaluationScope {
  states: StatesBinding;
  variables: Variables;
  stateName: string;
  enteredDraft: number;
}

/**
 * A bare reference read directly, for speed (planning a week of executions evaluates millions
 * of them). It gives what jsonata gives as long as no step goes through an array (where jsonata
 * maps over the items): then the answer is `unresolved` and jsonata evaluates it.
 */
const unresolved = Symbol("unresolved");

function readReference(reference: string[], scope: EvaluationScope): unknown {
  const [name, ...fields] = reference;
  let value: unknown = name === "states" ? scope.states : Object.hasOwn(scope.variables, name) ? scope.variables[name] : undefined;
  for (const field of fields) {
    if (value === undefined) return undefined;
    if (value === null || typeof value !== "object" || Array.isArray(value)) return unresolved;
    value = (value as Record<string, unknown>)[field];
  }
  return Array.isArray(value) ? unresolved : value;
}

/** One `{% expr %}` string: its value, or the service's error naming `location`. */
export function evaluateExpression(text: string, location: string, scope: EvaluationScope): Json {
  const { text: expression, expression: compiledExpression, reference } = compile(text);
  let value: unknown = reference ? readReference(reference, scope) : unresolved;
  if (value !== unresolved) return value === undefined ? undefinedResult(expression, location, scope) : (value as Json);
  try {
    value = compiledExpression.evaluate({}, { ...scope.variables, states: scope.states });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const detail = e.code ? `${e.code}: ${e.message}` : String(e.message ?? err);
    throw new QueryEvaluationError(location, scope.stateName, `The JSONata expression '${expression}' specified for the field '${location}' threw an error during evaluation. ${detail}`, scope.enteredDraft);
  }
  if (value === undefined) undefinedResult(expression, location, scope);
  if (typeof value === "function") {
    throw new QueryEvaluationError(location, scope.stateName, `The JSONata expression '${expression}' specified for the field '${location}' returned an unsupported result type.`, scope.enteredDraft);
  }
  return plain(value);
}

function undefinedResult(expression: string, location: string, scope: EvaluationScope): never {
  throw new QueryEvaluationError(location, scope.stateName, `The JSONata expression '${expression}' specified for the field '${location}' returned nothing (undefined).`, scope.enteredDraft);
}

/**
 * jsonata returns its sequences as arrays with extra markers, and numbers may be non-finite:
 * plain JSON only. Values taken as they are from the input are returned as they are (payloads
 * are never changed in place), so this costs little.
 */
function plain(value: unknown): Json {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value === null || typeof value !== "object") return value as Json;
  if (Array.isArray(value)) {
    let copy: Json[] | undefined = (value as { sequence?: boolean }).sequence ? [...value] : undefined;
    value.forEach((v, i) => {
      const p = plain(v);
      if (p !== v) (copy ??= [...value])[i] = p;
    });
    return copy ?? (value as Json[]);
  }
  let copy: { [key: string]: Json } | undefined;
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    const p = plain(v);
    if (p !== v) (copy ??= { ...(value as { [key: string]: Json }) })[key] = p;
  }
  return copy ?? (value as Json);
}

/** Arguments / Output / Assign: every `{% %}` string inside is replaced by its value. */
export function evaluateTemplate(template: Json, location: string, scope: EvaluationScope): Json {
  if (typeof template === "string") return isExpression(template) ? evaluateExpression(template, location, scope) : template;
  if (Array.isArray(template)) return template.map((item, i) => evaluateTemplate(item, `${location}[${i}]`, scope));
  if (template === null || typeof template !== "object") return template;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(template)) out[key] = evaluateTemplate(value, `${location}/${key}`, scope);
  return out;
}

/**
 * Assign: all values are evaluated against the variables as they were when the state began
 * (an assignment never sees another one of the same state), then merged in.
 */
export function assign(template: { [key: string]: Json }, scope: EvaluationScope): { variables: Variables; assigned: Record<string, Json> } {
  const assigned: Record<string, Json> = {};
  for (const [key, value] of Object.entries(template)) assigned[key] = evaluateTemplate(value, `Assign/${key}`, scope);
  return { variables: { ...scope.variables, ...assigned }, assigned };
}
