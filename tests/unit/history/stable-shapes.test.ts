/**
 * The fold's objects have every field they will ever have from the moment they are made. An
 * object that gains a field later moves to another hidden class, which V8 keeps only while some
 * object has it: after a model is dropped and collected, the next fold finds the code optimised
 * for those classes thrown away and optimises it again, event after event (a third of the fold's
 * time in the history bench). Timing lives in `npm run bench -- history`; this pins the cause.
 */
import { describe, expect, it } from "vitest";
import { applyEvents, foldHistory } from "@/lib/history";
import { newFoldState } from "@/lib/history/fold-state";
import type { ChildGroup, ExecutionModel } from "@/lib/history/model";
import { generateLargeHistory } from "../../fixtures/large-history";
import { ev, exited, started } from "./histories";

/** The fold state a model carries (not enumerable, under a symbol). */
function foldStateOf(model: ExecutionModel): Record<string, unknown> {
  const symbol = Object.getOwnPropertySymbols(model).find((s) => s.description === "stepscope.foldState");
  if (!symbol) throw new Error("the model carries no fold state");
  return (model as unknown as Record<symbol, { state: Record<string, unknown> }>)[symbol].state;
}

function keySets(objects: object[]): string[] {
  return [...new Set(objects.map((o) => Object.keys(o).join(",")))];
}

describe("the fold's objects keep their shape", () => {
  // Cut in the middle of the Map: some iterations have ended, others are still running.
  const events = generateLargeHistory({ seed: 3, iterations: 120, payloadBytes: 64 });
  const cut = events.slice(0, Math.floor(events.length / 2));

  it("every group (ended or running), run and attempt has one set of fields, in one order", () => {
    const model = foldHistory(cut);
    const groups: ChildGroup[] = model.runs.flatMap((r) => [...(r.iterations ?? []), ...(r.branches ?? [])]);
    expect(new Set(groups.map((g) => g.status))).toEqual(new Set(["succeeded", "running"]));
    expect(keySets(groups)).toHaveLength(1);
    expect(keySets(model.runs)).toHaveLength(1);
    expect(keySets(model.runs.flatMap((r) => r.attempts))).toHaveLength(1);
  });

  it("the fold state and the execution facts have all their fields before the first event", () => {
    const fresh = newFoldState() as unknown as Record<string, Record<string, unknown>>;
    // Folded in two batches, so that everything a later batch sets has been set.
    const first = foldHistory(cut);
    const model = applyEvents(first, events.slice(cut.length));
    const state = foldStateOf(model) as Record<string, Record<string, unknown>>;
    expect(model.status).toBe("SUCCEEDED");
    expect(Object.keys(state)).toEqual(Object.keys(fresh));
    expect(Object.keys(state.exec)).toEqual(Object.keys(fresh.exec));
    expect(Object.keys(state.records)).toEqual(Object.keys(fresh.records));
  });

  it("a failed execution's facts keep their shape too", () => {
    const fresh = newFoldState() as unknown as Record<string, Record<string, unknown>>;
    const model = foldHistory([
      ev(1, 0, "ExecutionStarted", started()),
      ev(2, 1, "PassStateEntered", { name: "Step", input: "{}", inputDetails: { truncated: false } }),
      ev(3, 2, "PassStateExited", exited("Step")),
      ev(4, 3, "ExecutionFailed", { error: "Boom", cause: "it broke" }),
    ]);
    expect(model.error).toBe("Boom");
    expect(Object.keys(foldStateOf(model).exec as object)).toEqual(Object.keys(fresh.exec));
  });
});
