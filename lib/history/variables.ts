/**
 * Workflow variables as the history records them. A state's `Assign` (and a Catch's) is
 * evaluated when the state ends: the `*StateExited` event carries `assignedVariables` (name →
 * value as JSON text) and `assignedVariablesDetails.truncated` when Step Functions cut the
 * values short (they share the 256 KiB limit with the output).
 */
export interface AssignedVariables {
  /** Variable name → its value as JSON text. */
  values: Record<string, string>;
  truncated: boolean;
}

/**
 * An `EvaluationFailed` event: an expression (JSONata, a path, an intrinsic) could not be
 * evaluated. `location` is the field, e.g. `Arguments/FunctionName` or `Assign/total`.
 */
export interface EvaluationFailure {
  state?: string;
  location?: string;
  error?: string;
  cause?: string;
  eventId: number;
}

type Fields = Record<string, unknown> | undefined;

/** `assignedVariables` of a StateExited's details; undefined when the state assigned nothing. */
export function assignedVariablesField(d: Fields): AssignedVariables | undefined {
  const raw = d?.assignedVariables;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  let count = 0;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    // AWS sends each value as JSON text; recorded or re-serialised histories sometimes hold the
    // value itself. Either way the model keeps text, as it does for every payload.
    values[name] = typeof value === "string" ? value : JSON.stringify(value) ?? "null";
    count++;
  }
  const details = d?.assignedVariablesDetails as { truncated?: unknown } | undefined;
  const truncated = details !== null && typeof details === "object" && details.truncated === true;
  if (count === 0 && !truncated) return undefined;
  return { values, truncated };
}

export function evaluationFailureField(d: Fields, eventId: number): EvaluationFailure {
  const text = (key: string) => (typeof d?.[key] === "string" ? (d[key] as string) : undefined);
  return { state: text("state"), location: text("location"), error: text("error"), cause: text("cause"), eventId };
}
