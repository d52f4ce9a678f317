/** A failure's cause made readable: Lambda and many services send JSON. */
export interface ParsedCause {
  message: string;
  type?: string;
  stackTrace: string[];
  /** The parsed JSON, when the cause was JSON. */
  json?: unknown;
}

/**
 * Reads `{"errorMessage","errorType","stackTrace":[...]}` (Lambda in Node, Python, Java…) and
 * other JSON causes; anything else is returned as the message text. Never throws.
 */
export function parseCause(cause?: string): ParsedCause {
  if (typeof cause !== "string" || cause === "") return { message: "", stackTrace: [] };
  const trimmed = cause.trim();
  if (!trimmed.startsWith("{")) return { message: cause, stackTrace: [] };
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { message: cause, stackTrace: [] };
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) return { message: cause, stackTrace: [], json };
  const fields = json as Record<string, unknown>;
  const message = firstString(fields.errorMessage, fields.message, fields.Message, fields.Cause) ?? cause;
  const type = firstString(fields.errorType, fields.Error, fields.name);
  const parsed: ParsedCause = { message, stackTrace: stackLines(fields.stackTrace), json };
  if (type !== undefined) parsed.type = type;
  return parsed;
}

function firstString(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === "string" && v !== "") return v;
  return undefined;
}

/** Node gives strings, Python strings with newlines, some runtimes arrays of frame parts. */
function stackLines(trace: unknown): string[] {
  if (typeof trace === "string") return trace.split("\n").filter((l) => l.trim() !== "");
  if (!Array.isArray(trace)) return [];
  const lines: string[] = [];
  for (const frame of trace) {
    const text = typeof frame === "string" ? frame : Array.isArray(frame) ? frame.map(String).join(" ") : JSON.stringify(frame);
    for (const line of text.split("\n")) if (line.trim() !== "") lines.push(line.replace(/\s+$/, ""));
  }
  return lines;
}
