/**
 * Validation of history events as they come from the CLI or a file. Only what the fold relies
 * on is checked (id, previousEventId, timestamp, type, a state's name); everything else is kept
 * as-is, so event types we do not know still load.
 */
import { z } from "zod";
import type { HistoryEvent } from "@/lib/history/events";
import { normaliseEvent, normaliseTimestamp } from "@/lib/history";

const isTime = (v: unknown) => (typeof v === "number" || typeof v === "string") && Number.isFinite(normaliseTimestamp(v));

const eventSchema = z.looseObject({
  id: z.number().int().positive(),
  previousEventId: z.number().int().nonnegative().optional(),
  timestamp: z.custom<number | string>(isTime),
  type: z.string().min(1),
  stateEnteredEventDetails: z.looseObject({ name: z.string().min(1) }).optional(),
  stateExitedEventDetails: z.looseObject({ name: z.string().min(1) }).optional(),
});

/** What each checked field must be, in the words the message uses. */
const RULES: Record<string, string> = {
  id: "must be a positive integer",
  previousEventId: "must be a non-negative integer",
  timestamp: "must be an ISO 8601 date or epoch seconds",
  type: "must be a non-empty string",
  "stateEnteredEventDetails.name": "must be a non-empty string (the state's name)",
  "stateExitedEventDetails.name": "must be a non-empty string (the state's name)",
  stateEnteredEventDetails: "must be an object",
  stateExitedEventDetails: "must be an object",
};

export type EventsCheck = { ok: true; events: HistoryEvent[] } | { ok: false; message: string };

/**
 * The events, validated, de-duplicated by id (pages saved twice overlap) and sorted ascending,
 * with timestamps in epoch milliseconds. The message names the first wrong field of the first
 * wrong event: "event 12 (index 11): `id` must be a positive integer".
 */
export function checkEvents(raw: readonly unknown[]): EventsCheck {
  if (raw.length === 0) return { ok: false, message: "The history has no events." };
  const problems: string[] = [];
  const byId = new Map<number, HistoryEvent>();
  raw.forEach((value, index) => {
    const where = `event ${index + 1} (index ${index})`;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      problems.push(`${where} is not an object`);
      return;
    }
    const parsed = eventSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.map(String).join(".");
      const missing = readPath(value, issue.path) === undefined;
      problems.push(`${where}: \`${field}\` ${missing ? "is missing" : (RULES[field] ?? issue.message)}`);
      return;
    }
    const event = normaliseEvent(value as HistoryEvent);
    if (!byId.has(event.id)) byId.set(event.id, event);
  });
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more ${problems.length === 2 ? "problem" : "problems"})` : "";
    return { ok: false, message: `${capitalise(problems[0])}${more}.` };
  }
  return { ok: true, events: [...byId.values()].sort((a, b) => a.id - b.id) };
}

function readPath(value: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = value;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
