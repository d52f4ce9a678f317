/** Test histories: the recorded corpus, and a terse way to write small ones in the same shape. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { HistoryEvent } from "@/lib/history/events";

const CORPUS_DIR = path.resolve(__dirname, "../../fixtures/aws-histories");

export interface RecordedHistory {
  file: string;
  origin: string;
  events: HistoryEvent[];
}

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".json")).sort();
}

export function loadRecorded(fileStart: string): RecordedHistory {
  const file = corpusFiles().find((f) => f.startsWith(fileStart));
  if (!file) throw new Error(`no recorded history starting with ${fileStart}`);
  const data = JSON.parse(readFileSync(path.join(CORPUS_DIR, file), "utf8")) as { origin: string; events: HistoryEvent[] };
  return { file, origin: data.origin, events: data.events };
}

/** Seconds of the first event of a hand-written history; event n happens n seconds later. */
export const T0 = 1_700_000_000;

/**
 * One event as GetExecutionHistory returns it (CLI JSON: epoch seconds), with its details
 * under the key AWS uses for that type.
 */
export function ev(id: number, previousEventId: number, type: string, details?: Record<string, unknown>, atSeconds = T0 + id): HistoryEvent {
  const e: HistoryEvent = { id, previousEventId, timestamp: atSeconds, type };
  if (details) e[detailsKey(type)] = details;
  return e;
}

function detailsKey(type: string): string {
  if (type.endsWith("StateEntered")) return "stateEnteredEventDetails";
  if (type.endsWith("StateExited")) return "stateExitedEventDetails";
  return type.charAt(0).toLowerCase() + type.slice(1) + "EventDetails";
}

export const entered = (name: string, input = "{}") => ({ name, input, inputDetails: { truncated: false } });
export const exited = (name: string, output = "{}") => ({ name, output, outputDetails: { truncated: false } });
export const started = (input = "{}") => ({ input, inputDetails: { truncated: false }, roleArn: "arn:aws:iam::111111111111:role/demo" });

/** Epoch ms of hand-written event `id`. */
export const at = (id: number) => (T0 + id) * 1000;
