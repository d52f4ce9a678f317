import type { AslState } from "./find-state";

/**
 * The expression an EvaluationFailed's `location` points at in the state's definition:
 * `Arguments/Payload/amount` → the value of `Arguments.Payload.amount` (for a JSONata state,
 * `{% $totl %}`). JSONPath fields carry a `.$` suffix on the last key (`Payload.$`), and array
 * items are addressed by index. Undefined when the definition has nothing there (a location
 * outside the state's own fields, such as an ItemReader's, or a definition changed since).
 */
export function expressionAt(state: AslState | undefined, location: string | undefined): unknown {
  if (!state || !location) return undefined;
  let node: unknown = state;
  for (const key of location.split("/").filter(Boolean)) {
    if (Array.isArray(node)) {
      const index = Number(key);
      node = Number.isInteger(index) ? node[index] : undefined;
    } else if (node !== null && typeof node === "object") {
      const record = node as Record<string, unknown>;
      node = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : record[`${key}.$`];
    } else {
      return undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}

/** The JSONata fields a state writes (Arguments, Output, Assign…), in the order they are evaluated. */
export const JSONATA_FIELDS = ["Items", "ItemSelector", "Arguments", "Output", "Assign"] as const;

export function jsonataFieldsOf(state: AslState | undefined): { field: string; value: unknown }[] {
  if (!state) return [];
  return JSONATA_FIELDS.filter((f) => state[f] !== undefined).map((field) => ({ field, value: state[field] }));
}
