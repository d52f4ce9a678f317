import { describe, expect, it } from "vitest";
import { compareOverlay, firstDivergence, matchRuns, sameStateMachine, stateDeltas } from "@/lib/compare";
import { foldHistory } from "@/lib/history";
import type { HistoryEvent } from "@/lib/history/events";
import { fixtureEvents } from "../import/fixture";

const LOOP = fixtureEvents("map-loop-reentrant.history.json");
const MAP = fixtureEvents("map-8-iterations.history.json");

/**
 * The recorded loop history, failing instead in the given Map iteration of the given loop entry:
 * the events up to that iteration's state entering, then the iteration, the Map and the execution
 * fail (as AWS records a failure inside an inline Map).
 */
function failingIn(events: HistoryEvent[], runPath: string, mapName: string, iteration: number): HistoryEvent[] {
  const run = foldHistory(events).runs.find((r) => r.path === runPath);
  if (!run) throw new Error(`no run ${runPath}`);
  const cut = events.filter((e) => e.id <= run.eventIds[0]);
  const last = cut[cut.length - 1];
  const t = last.timestamp as number;
  const error = { error: "Item.Failed", cause: "{\"errorMessage\":\"value 2 is bad\"}" };
  return [
    ...cut,
    { id: last.id + 1, previousEventId: last.id, timestamp: t + 1, type: "MapIterationFailed", mapIterationFailedEventDetails: { index: iteration, name: mapName } },
    { id: last.id + 2, previousEventId: last.id + 1, timestamp: t + 2, type: "MapStateFailed" },
    { id: last.id + 3, previousEventId: last.id + 2, timestamp: t + 3, type: "ExecutionFailed", executionFailedEventDetails: error },
  ];
}

describe("matchRuns", () => {
  it("pairs every run of the same history with itself: loops and Map iterations by index", () => {
    const model = foldHistory(LOOP);
    const match = matchRuns(model, foldHistory(LOOP));
    expect(match.onlyA).toEqual([]);
    expect(match.onlyB).toEqual([]);
    expect(match.pairs.map((p) => p.path)).toEqual(model.runs.map((r) => r.path));
    expect(match.pairs.every((p) => p.a?.path === p.b?.path && !p.differs)).toBe(true);
    expect(firstDivergence(match)).toBeUndefined();
  });

  it("matches the second loop entry with the second, iteration N with iteration N, and reports the runs only A has", () => {
    const a = foldHistory(LOOP);
    const b = foldHistory(failingIn(LOOP, "IterationBody#2/iteration 2/ProcessValue", "IterationBody", 2));
    const match = matchRuns(a, b);
    const pair = (path: string) => match.pairs.find((p) => p.path === path)!;
    expect(pair("BeforeIteration#2").a?.input?.text).toBe(pair("BeforeIteration#2").b?.input?.text);
    expect(pair("IterationBody#2/iteration 1/ProcessValue")).toMatchObject({ differs: false, a: { input: { text: "1" } }, b: { input: { text: "1" } } });
    expect(pair("IterationBody#2").differs).toBe(true);
    expect(match.onlyB).toEqual([]);
    expect(match.onlyA).toEqual([
      "IterationBody#2/iteration 3/ProcessValue",
      "CheckIteration#2",
      "BeforeIteration#3",
      "IterationBody#3",
      "IterationBody#3/iteration 0/ProcessValue",
      "IterationBody#3/iteration 1/ProcessValue",
      "IterationBody#3/iteration 2/ProcessValue",
      "IterationBody#3/iteration 3/ProcessValue",
      "CheckIteration#3",
      "Terminate",
    ]);
  });

  it("keeps entry order when B entered states A did not", () => {
    const a = foldHistory(failingIn(MAP, "MapState/iteration 3/HandleItem", "MapState", 3));
    const b = foldHistory(MAP);
    const match = matchRuns(a, b);
    expect(match.onlyA).toEqual([]);
    expect(match.onlyB).toEqual(["MapState/iteration 4/HandleItem", "MapState/iteration 5/HandleItem", "MapState/iteration 6/HandleItem", "MapState/iteration 7/HandleItem", "Final"]);
    expect(match.pairs.map((p) => p.path)).toEqual(b.runs.map((r) => r.path));
  });
});

describe("firstDivergence", () => {
  it("is the run inside the Map that failed, not the Map entered before it", () => {
    const a = foldHistory(LOOP);
    const b = foldHistory(failingIn(LOOP, "IterationBody#2/iteration 2/ProcessValue", "IterationBody", 2));
    const divergence = firstDivergence(matchRuns(a, b))!;
    expect(divergence.path).toBe("IterationBody#2/iteration 2/ProcessValue");
    expect(divergence.name).toBe("ProcessValue");
    expect(divergence.pair.a?.status).toBe("succeeded");
    expect(divergence.pair.b?.status).not.toBe("succeeded");
    expect(divergence.description).toMatch(/^A succeeded, B /);
  });

  it("is a run only one side entered when everything before it agrees", () => {
    const a = foldHistory(MAP);
    const b = foldHistory(MAP.filter((e) => e.id <= 39));
    const divergence = firstDivergence(matchRuns(a, b))!;
    expect(divergence.path).toBe("Final");
    expect(divergence.description).toBe("only A entered it (succeeded)");
  });
});

describe("stateDeltas and the merged overlay", () => {
  it("gives each state's outcome, runs and time on both sides, and marks the ones that differ", () => {
    const a = foldHistory(LOOP);
    const slowStart = LOOP.map((e) => (e.id >= 3 ? { ...e, timestamp: (e.timestamp as number) + 5 } : e));
    const b = foldHistory(failingIn(slowStart, "IterationBody#2/iteration 2/ProcessValue", "IterationBody", 2));
    const deltas = stateDeltas(a, b, matchRuns(a, b));
    const row = (name: string) => deltas.find((d) => d.name === name)!;
    expect(deltas.map((d) => d.name)).toEqual(["StartState", "BeforeIteration", "IterationBody", "ProcessValue", "CheckIteration", "Terminate"]);
    expect(row("StartState")).toMatchObject({ aStatus: "succeeded", bStatus: "succeeded", aDurationMs: 1000, bDurationMs: 6000, deltaMs: 5000, differs: false });
    expect(row("ProcessValue")).toMatchObject({ aRuns: 12, bRuns: 7, differs: true });
    expect(row("Terminate")).toMatchObject({ aStatus: "succeeded", aRuns: 1, bRuns: 0, differs: true });
    expect(row("Terminate").bStatus).toBeUndefined();

    const overlay = compareOverlay(deltas, b);
    expect(overlay.StartState).toMatchObject({ status: "succeeded", emphasis: false, onPath: true });
    expect(overlay.IterationBody).toMatchObject({ status: "failed", emphasis: true });
    expect(overlay.Terminate).toMatchObject({ status: "not_reached", emphasis: true, onPath: false });
  });
});

describe("sameStateMachine", () => {
  const arn = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
  it("ignores a version or alias qualifier, and tells different machines apart", () => {
    expect(sameStateMachine(arn, `${arn}:3`)).toBe(true);
    expect(sameStateMachine(`${arn}:prod`, arn)).toBe(true);
    expect(sameStateMachine(arn, `${arn}-v2`)).toBe(false);
  });
});
