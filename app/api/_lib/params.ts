/**
 * Route and query parameters, validated at the edge. A bad one becomes a 400 whose message
 * says what was expected.
 */
import { z } from "zod";
import type { ExecutionStatusName } from "@/lib/contract/api";
import { SfnError } from "@/lib/sfn";

const PREFIX = String.raw`^arn:aws[a-z-]*:states:[a-z]{2}(?:-[a-z]+)+-\d+:\d{12}:`;
const NAME = String.raw`[^\s:/]{1,80}`;

const ARN_KINDS = {
  stateMachine: {
    what: "state machine ARN",
    shape: "arn:aws:states:<region>:<account>:stateMachine:<name>",
    pattern: new RegExp(`${PREFIX}stateMachine:${NAME}(?:/${NAME})?(?::${NAME})?$`),
  },
  execution: {
    what: "execution ARN",
    shape: "arn:aws:states:<region>:<account>:execution:<state machine>:<execution name>",
    pattern: new RegExp(`${PREFIX}(?:execution:${NAME}(?:/${NAME})?:${NAME}|express:${NAME}:${NAME}:${NAME})$`),
  },
  mapRun: {
    what: "map run ARN",
    shape: "arn:aws:states:<region>:<account>:mapRun:<state machine>/<label>:<id>",
    pattern: new RegExp(`${PREFIX}mapRun:${NAME}/${NAME}:${NAME}$`),
  },
} as const;

export type ArnKind = keyof typeof ARN_KINDS;

function bad(message: string): SfnError {
  return new SfnError("BAD_REQUEST", message);
}

function shown(value: string): string {
  return value.length > 120 ? `${value.slice(0, 120)}…` : value;
}

/** A URL-encoded ARN path segment → the ARN, or a 400 saying what shape was expected. */
export function parseArnSegment(segment: string, kind: ArnKind): string {
  const spec = ARN_KINDS[kind];
  let arn = segment;
  // Next may hand the segment over still encoded; an ARN never contains "%" itself.
  if (arn.includes("%")) {
    try {
      arn = decodeURIComponent(arn);
    } catch {
      throw bad(`The ${spec.what} is not validly URL-encoded.`);
    }
  }
  if (arn.length > 2048 || !spec.pattern.test(arn)) {
    throw bad(`Malformed ${spec.what} "${shown(arn)}": expected ${spec.shape}.`);
  }
  return arn;
}

export function isExpressExecutionArn(arn: string): boolean {
  return /:express:/.test(arn);
}

const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"] as const;

const epochMs = (name: string) =>
  z
    .string()
    .regex(/^\d{1,16}$/, `${name} must be a time in epoch milliseconds (digits only)`)
    .transform(Number)
    .optional();

const executionsQuery = z
  .object({
    status: z
      .enum(STATUSES, { error: `status must be one of ${STATUSES.join(", ")}` })
      .optional(),
    from: epochMs("from"),
    to: epochMs("to"),
    cursor: z.string().max(8192, "cursor is too long").optional(),
    name: z.string().max(80, "name (a name prefix) may be at most 80 characters").optional(),
    limit: z
      .string()
      .regex(/^\d{1,4}$/, "limit must be a whole number from 1 to 1000")
      .transform(Number)
      .pipe(z.number().min(1, "limit must be at least 1").max(1000, "limit must be at most 1000"))
      .optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: "from must not be after to" });

function queryObject(url: URL, keys: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of keys) {
    const value = url.searchParams.get(key);
    // An empty value (`?status=`) means "no filter", as a form would send it.
    out[key] = value === null || value === "" ? undefined : value;
  }
  return out;
}

function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? "invalid query";
}

export interface ExecutionsParams {
  status?: ExecutionStatusName;
  from?: number;
  to?: number;
  cursor?: string;
  /** Name prefix, case-insensitive. */
  name?: string;
  limit?: number;
}

export function parseExecutionsQuery(request: Request): ExecutionsParams {
  const parsed = executionsQuery.safeParse(queryObject(new URL(request.url), ["status", "from", "to", "cursor", "name", "limit"]));
  if (!parsed.success) throw bad(firstMessage(parsed.error));
  return parsed.data;
}

/** `?after=<eventId>` */
export function parseAfter(request: Request): number | undefined {
  const { after } = queryObject(new URL(request.url), ["after"]);
  if (after === undefined) return undefined;
  if (!/^\d{1,9}$/.test(after)) throw bad("after must be an event id (a whole number, 0 or more)");
  return Number(after);
}

/** `?counts=24h` → the window in ms; hours from 1 to 168. */
export function parseCountsWindow(request: Request): number | undefined {
  const { counts } = queryObject(new URL(request.url), ["counts"]);
  if (counts === undefined) return undefined;
  const m = /^(\d{1,3})h$/.exec(counts);
  const hours = m ? Number(m[1]) : NaN;
  if (!(hours >= 1 && hours <= 168)) throw bad('counts must be a window in hours from "1h" to "168h", e.g. counts=24h');
  return hours * 3_600_000;
}
