import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "@/lib/history/events";
import { buildEventRows, eventTimeMs, eventTypesPresent, filterEventRows, statesPresent } from "@/components/events/event-rows";
import { formatEventOffset } from "@/components/events/EventsTable";
import recorded from "@/tests/fixtures/events/map-catch-error.json";
import { model, run } from "../timeline/literal-models";

// A real history (a Map whose three iterations each fail a Lambda task and catch it), recorded
// against AWS; its origin is in the fixture.
const events = recorded.events as unknown as HistoryEvent[];

describe("events table rows", () => {
  const rows = buildEventRows(events);

  it("shows times relative to the start, reading epoch seconds", () => {
    expect(rows[0].offsetMs).toBe(0);
    expect(rows[7].offsetMs).toBe(7_000);
    expect(formatEventOffset(rows[7].offsetMs)).toBe("+7.000 s");
    expect(formatEventOffset(125_500)).toBe("+2m 05.500s");
  });

  it("names the state from the event's details and summarises the error", () => {
    expect(rows[4]).toMatchObject({ id: 5, type: "TaskStateEntered", state: "ProcessItem" });
    expect(rows[7].type).toBe("TaskFailed");
    expect(rows[7].detail).toMatch(/^Exception · \{"errorMessage":"Some exception was raised\./);
  });

  it("offers the types present, in order of appearance", () => {
    expect(eventTypesPresent(rows).slice(0, 5)).toEqual(["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted", "TaskStateEntered"]);
    expect(statesPresent(rows)).toEqual(["Fallback", "ProcessItem", "ProcessItems"]);
  });

  it("filters by type", () => {
    expect(filterEventRows(rows, { type: "TaskFailed" }).map((r) => r.id)).toEqual([8, 17, 26]);
  });

  it("filters by free text, case-insensitively, including the payload", () => {
    expect(filterEventRows(rows, { text: "UUID:2" }).map((r) => r.id)).toEqual(expect.arrayContaining([17, 18]));
    expect(filterEventRows(rows, { text: "uuid:2" }).every((r) => r.id >= 13 && r.id <= 33)).toBe(true);
    expect(filterEventRows(rows, { text: "no such thing anywhere" })).toEqual([]);
  });

  it("combines filters, and returns everything when none is set", () => {
    expect(filterEventRows(rows, { type: "TaskStateEntered", state: "ProcessItem", text: '"2"' }).map((r) => r.id)).toEqual([14]);
    expect(filterEventRows(rows, { type: "", state: "", text: "  " })).toHaveLength(events.length);
  });

  it("maps events to runs through the model, and a state filter takes the runs inside it", () => {
    // Events the model does not map (here the MapIteration* events) keep the name from their details.
    const m = model([
      run({ path: "ProcessItems", type: "Map", enteredAt: 0, eventIds: [2, 3, 31, 32] }),
      ...[5, 14, 23].map((first, i) =>
        run({ path: `ProcessItems/iteration ${i}/ProcessItem`, name: "ProcessItem", type: "Task", parentPath: "ProcessItems", iteration: i, enteredAt: 0, eventIds: [first, first + 1, first + 2, first + 3, first + 4] }),
      ),
    ]);
    const mapped = buildEventRows(events, m);
    expect(mapped.find((r) => r.id === 17)).toMatchObject({ state: "ProcessItems/iteration 1/ProcessItem", runPath: "ProcessItems/iteration 1/ProcessItem" });
    expect(filterEventRows(mapped, { state: "ProcessItems" }).map((r) => r.id)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26, 27, 30, 31, 32]);
    expect(filterEventRows(mapped, { state: "ProcessItems/iteration 1/ProcessItem" }).map((r) => r.id)).toEqual([14, 15, 16, 17, 18]);
    // By name: every iteration's run of the state, mapped or not.
    expect(filterEventRows(mapped, { state: "ProcessItem", type: "TaskFailed" }).map((r) => r.id)).toEqual([8, 17, 26]);
    expect(statesPresent(mapped)).toEqual(["Fallback", "ProcessItem", "ProcessItems"]);
  });
});

describe("eventTimeMs", () => {
  it("reads every timestamp form a history arrives in", () => {
    expect(eventTimeMs(new Date(1_700_000_000_000))).toBe(1_700_000_000_000);
    expect(eventTimeMs(1_700_000_000)).toBe(1_700_000_000_000);
    expect(eventTimeMs(1_700_000_000_123)).toBe(1_700_000_000_123);
    expect(eventTimeMs("2023-11-14T22:13:20.000Z")).toBe(1_700_000_000_000);
    expect(eventTimeMs("1700000000.5")).toBe(1_700_000_000_500);
    expect(eventTimeMs("not a time")).toBeUndefined();
  });
});
