/** The AWS JSON 1.0 protocol's pieces: error bodies, request fields, page tokens, dates. */
import type { SfnResponse } from "../contract";

/** A service error, thrown inside an operation and answered as HTTP 400 with `__type`. */
export class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly namespace = "com.amazonaws.states",
  ) {
    super(message);
  }

  toResponse(): SfnResponse {
    return { status: 400, body: { __type: `${this.namespace}#${this.type}`, message: this.message } };
  }
}

export const ok = (body: unknown): SfnResponse => ({ status: 200, body });

/** Dates travel as epoch seconds, with milliseconds as the fraction. */
export const epochSeconds = (ms: number) => ms / 1000;

export type Body = Record<string, unknown>;

export function requestBody(body: unknown): Body {
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) {
    throw new SfnError("SerializationException", "Start of structure or map found where not expected", "com.amazon.coral.service");
  }
  return body as Body;
}

export function optionalString(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new SfnError("ValidationException", `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must be a string`);
  return value;
}

export function requiredString(body: Body, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined) throw new SfnError("ValidationException", `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  return value;
}

export function optionalBoolean(body: Body, field: string, fallback: boolean): boolean {
  const value = body[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "boolean") throw new SfnError("ValidationException", `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must be a boolean`);
  return value;
}

/** maxResults: 0 or absent means the default; the service allows at most 1000. */
export function pageSize(body: Body, fallback: number): number {
  const value = body.maxResults;
  if (value === undefined || value === null || value === 0) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 1000) {
    throw new SfnError(
      "ValidationException",
      `1 validation error detected: Value '${String(value)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`,
    );
  }
  return value;
}

/**
 * Page tokens are opaque to callers but carry where the previous page ended (a position, not
 * an offset), so pages stay right while new executions arrive.
 */
export function encodeToken(operation: string, position: unknown): string {
  return Buffer.from(JSON.stringify({ o: operation, p: position }), "utf8").toString("base64url");
}

export function decodeToken<T>(body: Body, operation: string, isPosition: (p: unknown) => p is T): T | undefined {
  const token = optionalString(body, "nextToken");
  if (token === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown; p?: unknown };
    if (parsed.o === operation && isPosition(parsed.p)) return parsed.p;
  } catch {
    // falls through to the service's answer for a bad token
  }
  throw new SfnError("InvalidToken", `Invalid Token: '${token.slice(0, 64)}'`);
}
