/**
 * An execution's input or output JSON → the (path, value) pairs the field index holds.
 * Paths are dotted (`customer.id`, `items.0.sku`); values are canonical JSON of the leaf
 * (`"c-123"`, `42`, `true`). Bounded: a huge payload indexes its first leaves and says so,
 * instead of writing thousands of rows for one execution.
 */
export interface PayloadField {
  path: string;
  value: string;
}

export const MAX_FIELDS_PER_PAYLOAD = 200;
/** A longer string leaf is still searchable as free text, but not as a field value. */
export const MAX_FIELD_VALUE_LENGTH = 200;

export interface FlattenedPayload {
  fields: PayloadField[];
  /** Leaves left out because the payload had more than MAX_FIELDS_PER_PAYLOAD. */
  truncated: boolean;
}

export function flattenPayload(json: string | undefined): FlattenedPayload {
  const out: FlattenedPayload = { fields: [], truncated: false };
  if (json === undefined || json === "") return out;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return out; // Not JSON (Step Functions allows any string): free text still finds it.
  }
  walk(value, "", out);
  return out;
}

function walk(value: unknown, path: string, out: FlattenedPayload): void {
  if (out.fields.length >= MAX_FIELDS_PER_PAYLOAD) {
    out.truncated = true;
    return;
  }
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [key, child] of entries) walk(child, path ? `${path}.${key}` : key, out);
    return;
  }
  if (path === "") return; // A bare scalar payload has no field to name.
  const text = JSON.stringify(value);
  if (text.length <= MAX_FIELD_VALUE_LENGTH) out.fields.push({ path, value: text });
}
