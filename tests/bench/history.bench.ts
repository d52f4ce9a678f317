/**
 * The execution model's cost: folding a 25,000-event history against merely reading its text,
 * and folding in one poll's worth of new events.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { applyEvents, foldHistory } from "@/lib/history";
import type { HistoryEvent } from "@/lib/history/events";
import { generateLargeHistory } from "../fixtures/large-history";
import { type Figure, figure, medianMs } from "./figure";

const NEW_EVENTS = 100;
const RUNS = 9;

/** Bytes of JSON per event across the recorded AWS histories: what a real history weighs. */
function corpusBytesPerEvent(): number {
  const dir = path.resolve(process.cwd(), "tests", "fixtures", "aws-histories");
  let bytes = 0;
  let count = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const events = (JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { events: unknown[] }).events;
    bytes += JSON.stringify(events).length;
    count += events.length;
  }
  return bytes / count;
}

/**
 * The large history with payloads sized so that its bytes per event match the corpus's: large
 * payloads flatter the fold (JSON.parse pays for every byte, the fold hardly reads payloads).
 */
function realisticHistory(): { events: HistoryEvent[]; target: number } {
  const target = corpusBytesPerEvent();
  let best: { events: HistoryEvent[]; off: number } | undefined;
  for (const payloadBytes of [32, 64, 100, 128, 160, 200, 256, 384, 512]) {
    const events = generateLargeHistory({ seed: 7, payloadBytes });
    const off = Math.abs(JSON.stringify(events).length / events.length - target);
    if (!best || off < best.off) best = { events, off };
  }
  return { events: best!.events, target };
}

export async function figures(): Promise<Figure[]> {
  const { events, target } = realisticHistory();
  const text = JSON.stringify(events);
  const parsed = JSON.parse(text) as HistoryEvent[];

  // Each timing starts from a collected heap, so that neither pays for the garbage the other
  // left (each leaves ~25 MB). The fold gets the already-parsed events, as the page does
  // after reading a response.
  JSON.parse(text);
  foldHistory(parsed);
  const parseTimes: number[] = [];
  const foldTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    collectGarbage();
    parseTimes.push(timeMs(() => JSON.parse(text)));
    collectGarbage();
    foldTimes.push(timeMs(() => foldHistory(parsed)));
  }
  const parseMs = median(parseTimes);
  const foldMs = median(foldTimes);

  // A live page polls: fold all but the last few hundred events, then fold them in 100 at a
  // time, as successive polls would. Each batch lands on a model of ~25,000 events.
  const batches = RUNS;
  let model = foldHistory(parsed.slice(0, parsed.length - NEW_EVENTS * batches));
  const applyTimes: number[] = [];
  for (let b = batches; b > 0; b--) {
    const from = parsed.length - NEW_EVENTS * b;
    const batch = parsed.slice(from, from + NEW_EVENTS);
    const t0 = performance.now();
    model = applyEvents(model, batch);
    applyTimes.push(performance.now() - t0);
  }
  const applyMs = median(applyTimes);
  const tail = parsed.slice(parsed.length - NEW_EVENTS);
  const scratchMs = medianMs(() => foldHistory(tail), RUNS);

  return [
    figure(
      `history: fold of ${parsed.length} events (${Math.round(text.length / parsed.length)} B/event; the recorded corpus averages ${Math.round(target)}) vs JSON.parse of its ${(text.length / 1e6).toFixed(1)} MB text`,
      foldMs,
      "ratio",
      parseMs,
      "≤ 1.0",
    ),
    figure(`history: applyEvents of ${NEW_EVENTS} new events to that model (baseline: folding them from scratch)`, applyMs, "ms", scratchMs, "≤ 2 ms"),
  ];
}

/** A full collection, when the runtime lets a script ask for one (Node does, through v8 flags). */
function collectGarbage(): void {
  try {
    v8.setFlagsFromString("--expose-gc");
    (vm.runInNewContext("gc") as () => void)();
  } catch {
    // Not available: the timings then include some collection work of earlier runs.
  }
}

function timeMs(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
