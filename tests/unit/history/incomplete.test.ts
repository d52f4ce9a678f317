/** Histories that do not show the whole execution: the model says so, in words, and never throws. */
import { describe, expect, it } from "vitest";
import { foldHistory } from "@/lib/history";
import type { HistoryEvent } from "@/lib/history/events";
import { entered, ev, exited, loadRecorded, started } from "./histories";

const mapBreak = () => loadRecorded("test_base_scenarios_test_map_state_break_condition").events;

/** As GetExecutionHistory answers with includeExecutionData=false: no inputs or outputs. */
function withoutData(events: HistoryEvent[]): HistoryEvent[] {
  return events.map((e) => {
    const copy: HistoryEvent = { ...e };
    for (const key of Object.keys(copy)) {
      if (!key.endsWith("EventDetails")) continue;
      const d = { ...(copy[key] as Record<string, unknown>) };
      for (const field of ["input", "inputDetails", "output", "outputDetails", "parameters"]) delete d[field];
      copy[key] = d;
    }
    return copy;
  });
}

describe("incomplete histories", () => {
  it("missing events in the middle are named", () => {
    const events = mapBreak().filter((e) => e.id !== 14 && e.id !== 15);
    const model = foldHistory(events);
    expect(model.complete).toBe(false);
    expect(model.incompleteReason).toBe("Events 14–15 are missing from the history.");
  });

  it("a history without its start says earlier events are missing", () => {
    const model = foldHistory(mapBreak().slice(3));
    expect(model.complete).toBe(false);
    expect(model.incompleteReason).toMatch(/^The history does not start at the beginning/);
    expect(model.status).toBe("FAILED");
    expect(model.startedAt).toBeUndefined();
  });

  it("includeExecutionData=false gives the same runs without payloads", () => {
    const full = foldHistory(mapBreak());
    const bare = foldHistory(withoutData(mapBreak()));
    expect(bare.hasExecutionData).toBe(false);
    expect(bare.complete).toBe(false);
    expect(bare.incompleteReason).toBe("The history was fetched without execution data: inputs and outputs are not shown.");
    expect(bare.runs.map((r) => [r.path, r.status])).toEqual(full.runs.map((r) => [r.path, r.status]));
    expect(bare.runs.every((r) => r.input === undefined && r.output === undefined)).toBe(true);
    expect(full.hasExecutionData).toBe(true);
  });

  it("the 25,000-event limit is recognised and blames no state", () => {
    const events: HistoryEvent[] = [ev(1, 0, "ExecutionStarted", started())];
    let prev = 0;
    for (let id = 2; id < 25_000; id += 2) {
      events.push(ev(id, prev, "PassStateEntered", entered("Loop")));
      events.push(ev(id + 1, id, "PassStateExited", exited("Loop")));
      prev = id + 1;
    }
    events.push(ev(25_000, prev, "ExecutionFailed", { error: "States.Runtime", cause: "The execution reached the maximum number of history events (25000)." }));
    const model = foldHistory(events);
    expect(model.status).toBe("FAILED");
    expect(model.complete).toBe(false);
    expect(model.incompleteReason).toBe("The execution reached the 25,000-event history limit and Step Functions stopped it (States.Runtime).");
    expect(model.failedRunPath).toBeUndefined();
    expect(model.runs.length).toBe(12_499);
    expect(model.runs[12_498].path).toBe("Loop#12499");
    expect(model.eventCount).toBe(25_000);
  });

  it("things that are not events are counted and left out", () => {
    const events = [null, 3, { id: "x", type: "PassStateEntered" }, ...mapBreak()] as unknown as HistoryEvent[];
    const model = foldHistory(events);
    expect(model.status).toBe("FAILED");
    expect(model.incompleteReason).toBe("3 events could not be read and were left out.");
  });

  it("an empty history is an incomplete model, not an error", () => {
    expect(foldHistory([])).toMatchObject({ status: "UNKNOWN", complete: false, runs: [], eventCount: 0, incompleteReason: "The history has no events yet." });
    expect(foldHistory(undefined as unknown as HistoryEvent[]).complete).toBe(false);
  });

  it("out-of-order and repeated events give the same model as the clean history", () => {
    const clean = foldHistory(mapBreak());
    const messy = [...mapBreak()].reverse().concat(mapBreak().slice(5, 12));
    expect(JSON.stringify(foldHistory(messy))).toBe(JSON.stringify(clean));
  });
});
