import type { HistoryEvent } from "./events";
import type { Payload } from "./model";

type Fields = Record<string, unknown>;

/** The event's `*EventDetails` object, or undefined when it is missing or not an object. */
export function detailsOf(e: HistoryEvent, key: string): Fields | undefined {
  const d = e[key];
  return d !== null && typeof d === "object" && !Array.isArray(d) ? (d as Fields) : undefined;
}

export function textField(d: Fields | undefined, key: string): string | undefined {
  const v = d?.[key];
  return typeof v === "string" ? v : undefined;
}

export function numberField(d: Fields | undefined, key: string): number | undefined {
  const v = d?.[key];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/**
 * A payload kept as the JSON text it arrived as: parsing every input and output of a 25,000-event
 * history would cost more than reading it, and most are never looked at.
 */
export function payloadField(d: Fields | undefined, textKey: string, flagsKey: string): Payload | undefined {
  const text = d?.[textKey];
  if (typeof text !== "string") return undefined;
  const flags = d?.[flagsKey] as { truncated?: unknown } | undefined;
  return { text, truncated: flags !== null && typeof flags === "object" && flags.truncated === true };
}
