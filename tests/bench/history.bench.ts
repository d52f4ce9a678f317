/**
 * The execution model's cost: folding a 25,000-event history against merely reading its text,
 * and folding in one poll's worth of new events.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { applyEvents, foldHistory } from "@/lib/history";
import type { HistoryEvent } from "@/lib/history/events";
import { generateLargeHistory } from "../fixtures/large-history";
import { type Figure, figure, medianMs } from "./figure";
import { type Interleaved, interleavedMedians, median, medianRatio } from "./interleaved";

const NEW_EVENTS = 100;
const RUNS = 15;
/** The machine may be shared: enough rounds that the median ratio holds still from run to run. */
const FOLD_ROUNDS = 31;

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

  // Both read the same text's events; the fold gets them already parsed, as the page does
  // after reading a response. Both warmed up, then interleaved round after round.
  const t = interleavedMedians({ parse: () => JSON.parse(text), fold: () => foldHistory(parsed) }, { warmup: 5, rounds: FOLD_ROUNDS });

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

  const what = `history: fold of ${parsed.length} events (${Math.round(text.length / parsed.length)} B/event; the recorded corpus averages ${Math.round(target)}) vs JSON.parse of its ${(text.length / 1e6).toFixed(1)} MB text`;
  return [
    ratioFigure(`${what}, CPU time`, t, "cpuMs", "CPU ms"),
    ratioFigure(`${what}, wall time`, t, "wallMs", "ms"),
    figure(`history: applyEvents of ${NEW_EVENTS} new events to that model (baseline: folding them from scratch)`, applyMs, "ms", scratchMs, "≤ 2 ms"),
  ];
}

/**
 * Fold against parse: the ratio is the median of each round's ratio, so that load shifting
 * between rounds does not move it; value and baseline are the medians of each.
 */
function ratioFigure(name: string, t: Interleaved<"parse" | "fold">, clock: "cpuMs" | "wallMs", unit: string): Figure {
  const f = figure(name, t.medians.fold[clock], "ratio", t.medians.parse[clock], "≤ 1.0", unit);
  f.ratio = Math.round(medianRatio(t, "fold", "parse", clock) * 1000) / 1000;
  return f;
}
