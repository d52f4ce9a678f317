/**
 * Properties: a model built in pieces equals one built at once, and no input, however broken,
 * makes the fold throw.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEvents, foldHistory } from "@/lib/history";
import type { HistoryEvent } from "@/lib/history/events";
import { generateLargeHistory } from "../../fixtures/large-history";
import { corpusFiles, loadRecorded } from "./histories";

const json = (x: unknown) => JSON.stringify(x);

/** Folds the events in the given number of pieces, cut at the given points. */
function foldInPieces(events: HistoryEvent[], cuts: number[]) {
  const points = [...new Set(cuts.map((c) => Math.min(c, events.length)))].sort((a, b) => a - b);
  let model = foldHistory(events.slice(0, points[0] ?? events.length));
  let from = points[0] ?? events.length;
  for (const to of [...points.slice(1), events.length]) {
    model = applyEvents(model, events.slice(from, to));
    from = to;
  }
  return model;
}

describe("folding in pieces", () => {
  it("gives the same model at every split of every recorded history", () => {
    for (const file of corpusFiles()) {
      const { events } = loadRecorded(file);
      const whole = json(foldHistory(events));
      for (let cut = 0; cut <= events.length; cut++) {
        expect(json(applyEvents(foldHistory(events.slice(0, cut)), events.slice(cut))), `${file} split at ${cut}`).toBe(whole);
      }
    }
  });

  const mapHistory = generateLargeHistory({ iterations: 40, payloadBytes: 64, seed: 3, concurrency: 6 });
  const mapWhole = json(foldHistory(mapHistory));

  it("gives the same model for random splits of an interleaved Map history", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: mapHistory.length }), { maxLength: 8 }), (cuts) => {
        expect(json(foldInPieces(mapHistory, cuts))).toBe(mapWhole);
      }),
      { numRuns: 60 },
    );
  });

  it("gives the same model when pieces overlap or arrive out of order", () => {
    fc.assert(
      fc.property(fc.nat({ max: mapHistory.length }), fc.nat({ max: 50 }), (cut, overlap) => {
        const first = foldHistory(mapHistory.slice(0, cut));
        const again = applyEvents(first, mapHistory.slice(Math.max(0, cut - overlap)));
        expect(json(again)).toBe(mapWhole);
        const late = applyEvents(foldHistory(mapHistory.slice(cut)), mapHistory.slice(0, cut));
        expect(json(late)).toBe(mapWhole);
      }),
      { numRuns: 40 },
    );
  });

  it("leaves the model it was given as it was", () => {
    const cut = Math.floor(mapHistory.length / 2);
    const before = foldHistory(mapHistory.slice(0, cut));
    const snapshot = json(before);
    const after = applyEvents(before, mapHistory.slice(cut));
    expect(json(before)).toBe(snapshot);
    expect(after).not.toBe(before);
    expect(after.runs).not.toBe(before.runs);
    // Runs that did not change are shared; the Map run, which did, is a new object.
    expect(after.runs[0]).toBe(before.runs[0]);
    const mapIndex = before.runs.findIndex((r) => r.type === "Map");
    expect(after.runs[mapIndex]).not.toBe(before.runs[mapIndex]);
    // Applying again to the older model still works (it folds again from its own events).
    expect(json(applyEvents(before, mapHistory.slice(cut)))).toBe(json(after));
  });
});

const KNOWN_TYPES = [
  "ExecutionStarted", "ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted", "ExecutionRedriven",
  "TaskStateEntered", "TaskStateExited", "TaskStateAborted", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded",
  "TaskFailed", "TaskTimedOut", "LambdaFunctionScheduled", "LambdaFunctionFailed", "ActivityStarted", "MapStateEntered",
  "MapStateStarted", "MapStateFailed", "MapStateSucceeded", "MapStateExited", "MapIterationStarted", "MapIterationSucceeded",
  "MapIterationFailed", "MapIterationAborted", "MapRunStarted", "MapRunFailed", "ParallelStateEntered", "ParallelStateStarted",
  "ParallelStateFailed", "ParallelStateExited", "PassStateEntered", "PassStateExited", "FailStateEntered", "EvaluationFailed",
  "SomethingNew",
];

const details = fc.oneof(
  fc.constant(undefined),
  fc.anything(),
  fc.record({ name: fc.constantFrom("A", "B", "Map"), index: fc.oneof(fc.nat(5), fc.anything()), input: fc.oneof(fc.string(), fc.anything()), error: fc.string() }, { requiredKeys: [] }),
);

const plausibleEvent = fc.record({
  id: fc.oneof(fc.integer({ min: -2, max: 60 }), fc.anything()),
  previousEventId: fc.oneof(fc.integer({ min: -1, max: 60 }), fc.anything()),
  timestamp: fc.oneof(fc.integer(), fc.date(), fc.string(), fc.anything()),
  type: fc.oneof(fc.constantFrom(...KNOWN_TYPES), fc.string()),
  details,
}).map(({ details: d, type, ...rest }) => {
  const e: Record<string, unknown> = { ...rest, type };
  if (typeof type === "string") e[type.charAt(0).toLowerCase() + type.slice(1) + "EventDetails"] = d;
  e.stateEnteredEventDetails = d;
  e.stateExitedEventDetails = d;
  return e as unknown as HistoryEvent;
});

describe("broken input never throws", () => {
  it("random garbage", () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 30 }), (garbage) => {
        const model = foldHistory(garbage as unknown as HistoryEvent[]);
        expect(model.complete).toBe(false);
        expect(() => JSON.stringify(model)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it("random events of real types with random links and details, in random pieces", () => {
    fc.assert(
      fc.property(fc.array(plausibleEvent, { maxLength: 60 }), fc.nat(60), (events, cut) => {
        const whole = foldHistory(events);
        const pieces = applyEvents(foldHistory(events.slice(0, cut)), events.slice(cut));
        expect(typeof whole.status).toBe("string");
        expect(typeof pieces.status).toBe("string");
        expect(new Set(whole.runs.map((r) => r.path)).size).toBe(whole.runs.length);
      }),
      { numRuns: 300 },
    );
  });

  it("truncated, shuffled and duplicated recorded histories", () => {
    const files = corpusFiles();
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.nat(), fc.nat(), fc.boolean(), (which, cut, seed, duplicate) => {
        const { events } = loadRecorded(files[which]);
        const truncated = events.slice(0, cut % (events.length + 1));
        const shuffled = shuffle(truncated, seed);
        const input = duplicate ? shuffled.concat(shuffled.slice(0, seed % (shuffled.length + 1))) : shuffled;
        expect(json(foldHistory(input))).toBe(json(foldHistory(truncated)));
      }),
      { numRuns: 200 },
    );
  });
});

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
