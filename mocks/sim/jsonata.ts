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
}

// Definitions use the same few expressions over and over: parse each once.
const compiled = new Map<string, Compiled>();

function compile(field: string): Compiled {
  let c = compiled.get(field);
  if (!c) {
    const text = EXPRESSION.exec(field.trim())![1].trim();
    c = { text, expression: jsonata(text) };
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

/** One `{% expr %}` string: its value, or the service's error naming `location`. */
export function evaluateExpression(text: string, location: string, scope: EvaluationScope): Json {
  const { text: expression, expression: compiledExpression } = compile(text);
  let value: unknown;
  try {
    value = compiledExpression.evaluate({}, { ...scope.variables, states: scope.states });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const detail = e.code ? `${e.code}: ${e.message}` : String(e.message ?? err);
    throw new QueryEvaluationError(location, scope.stateName, `The JSONata expression '${expression}' specified for the field '${location}' threw an error during evaluation. ${detail}`, scope.enteredDraft);
  }
  if (value === undefined) {
    throw new QueryEvaluationError(location, scope.stateName, `The JSONata expression '${expression}' specified for the field '${location}' returned nothing (undefined).`, scope.enteredDraft);
  }
  if (typeof value === "function") {
    throw new QueryEvaluationError(location, scope.stateName, `The JSONata expression '${expression}' specified for the field '${location}' returned an unsupported result type.`, scope.enteredDraft);
  }
  return plain(value);
}

/**
 * jsonata returns its sequences as arrays with extra markers, and numbers may be non-finite:
 * plain JSON only. Values taken as they are from the input are returned as they are (payloads
 * are never changed in place), so this costs little.
 */
function plain(value: unknown): Json {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value === null || typeof value !== "object") return value as Json;
  let copy: { [key: string]: Json } | undefined;
  for (const [key, v] of Object.entries(value)) {
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
