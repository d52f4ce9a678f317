import { describe, expect, it } from "vitest";
import { readImportFile } from "@/lib/import";
import { fixtureEvents, fixtureText } from "./fixture";

const HISTORY = "map-8-iterations.history.json";

describe("readImportFile: histories", () => {
  it("reads a recorded get-execution-history output, timestamps in epoch ms", () => {
    const file = readImportFile("h.json", fixtureText(HISTORY));
    expect(file.kind).toBe("history");
    if (file.kind !== "history") return;
    expect(file.events).toHaveLength(42);
    expect(file.events[0]).toMatchObject({ id: 1, type: "ExecutionStarted", timestamp: 1_700_000_000_000 });
  });

  it("reads ISO timestamps as the CLI prints them", () => {
    const events = fixtureEvents(HISTORY).map((e) => ({ ...e, timestamp: new Date((e.timestamp as number) * 1000).toISOString().replace("Z", "000+00:00") }));
    const file = readImportFile("iso.json", JSON.stringify({ events }));
    expect(file.kind === "history" && file.events[41].timestamp).toBe(1_700_000_041_000);
  });

  it("joins pages appended to one file, and a list of pages, dropping repeated events", () => {
    const events = fixtureEvents(HISTORY);
    const pages = [{ events: events.slice(0, 20), nextToken: "t" }, { events: events.slice(15) }];
    const appended = readImportFile("pages.json", pages.map((p) => JSON.stringify(p, null, 2)).join("\n"));
    const listed = readImportFile("pages.json", JSON.stringify(pages));
    for (const file of [appended, listed]) {
      expect(file.kind === "history" && file.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    }
  });

  it("reads a bare event list and keeps event types it does not know", () => {
    const events = [...fixtureEvents(HISTORY).slice(0, 3), { id: 4, previousEventId: 3, timestamp: 1_700_000_004, type: "SomethingNewFromAws", somethingNewEventDetails: { x: 1 } }];
    const file = readImportFile("bare.json", JSON.stringify(events));
    expect(file.kind === "history" && file.events[3]).toMatchObject({ type: "SomethingNewFromAws", somethingNewEventDetails: { x: 1 } });
  });

  it("names the wrong field of the wrong event in a hand-broken copy", () => {
    expect(readImportFile("bad.json", fixtureText("broken/bad-event-id.history.json"))).toEqual({
      kind: "error",
      fileName: "bad.json",
      message: "Event 12 (index 11): `id` must be a positive integer.",
    });
  });

  it("names a missing type, a bad timestamp and a nameless state, counting the other problems", () => {
    const events = fixtureEvents(HISTORY);
    const broken = events.map((e, i) => {
      if (i === 2) return { ...e, type: undefined };
      if (i === 5) return { ...e, timestamp: "yesterday" };
      return e;
    });
    expect(readImportFile("x.json", JSON.stringify({ events: broken }))).toMatchObject({ message: "Event 3 (index 2): `type` is missing (and 1 more problem)." });
    const nameless = events.map((e, i) => (i === 1 ? { ...e, stateEnteredEventDetails: { input: "{}" } } : e));
    expect(readImportFile("x.json", JSON.stringify({ events: nameless }))).toMatchObject({
      message: "Event 2 (index 1): `stateEnteredEventDetails.name` is missing.",
    });
    const badTime = events.map((e, i) => (i === 5 ? { ...e, timestamp: "yesterday" } : e));
    expect(readImportFile("x.json", JSON.stringify({ events: badTime }))).toMatchObject({
      message: "Event 6 (index 5): `timestamp` must be an ISO 8601 date or epoch seconds.",
    });
  });

  it("says when a file is not JSON, with line and column", () => {
    const file = readImportFile("cut.json", fixtureText("broken/truncated.history.json"));
    expect(file.kind).toBe("error");
    expect(file.kind === "error" && file.message).toMatch(/^Not JSON: .+ at line \d+, column \d+\.$/);
  });

  it("says when JSON is not a history", () => {
    const file = readImportFile("s3.json", fixtureText("broken/not-a-history.json"));
    expect(file.kind === "error" && file.message).toMatch(/^JSON, but not a Step Functions history: expected `events`/);
    expect(readImportFile("e.json", '{ "events": {} }')).toMatchObject({ message: "`events` must be a list of history events." });
    expect(readImportFile("e.json", '{ "events": [] }')).toMatchObject({ message: "The history has no events." });
  });
});

describe("readImportFile: descriptions, definitions, exports", () => {
  const description = {
    executionArn: "arn:aws:states:us-east-1:123456789012:execution:orders:run-1",
    stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:orders",
    name: "run-1",
    status: "FAILED",
    startDate: "2023-11-14T22:13:20.000000+00:00",
    stopDate: 1_700_000_011.5,
    input: "{}",
    inputDetails: { included: true },
    error: "Exception",
  };

  it("reads describe-execution output", () => {
    expect(readImportFile("d.json", JSON.stringify(description))).toEqual({
      kind: "description",
      fileName: "d.json",
      description: {
        arn: description.executionArn,
        name: "run-1",
        stateMachineArn: description.stateMachineArn,
        status: "FAILED",
        startedAt: 1_700_000_000_000,
        stoppedAt: 1_700_000_011_500,
        input: "{}",
        error: "Exception",
      },
    });
  });

  it("names a wrong field of a description", () => {
    const file = readImportFile("d.json", JSON.stringify({ ...description, status: "EXPLODED" }));
    expect(file.kind === "error" && file.message).toMatch(/^describe-execution output: `status` /);
  });

  it("reads a raw ASL definition, describe-state-machine output and a recorded definition file", () => {
    const asl = { StartAt: "A", States: { A: { Type: "Pass", End: true } } };
    expect(readImportFile("asl.json", JSON.stringify(asl))).toMatchObject({ kind: "definition" });
    expect(readImportFile("sm.json", JSON.stringify({ stateMachineArn: "arn:x", name: "orders", type: "STANDARD", definition: JSON.stringify(asl) }))).toMatchObject({
      kind: "definition",
      stateMachineName: "orders",
      stateMachineType: "STANDARD",
    });
    expect(readImportFile("rec.json", fixtureText("map-8-iterations.definition.json"))).toMatchObject({ kind: "definition" });
    expect(readImportFile("asl.json", JSON.stringify({ StartAt: "A" }))).toMatchObject({ message: "Definition: `States` must be an object of states by name." });
  });

  it("refuses an export of a version it does not know", () => {
    expect(readImportFile("x.json", JSON.stringify({ stepscopeExport: 9, execution: {}, events: [] }))).toMatchObject({
      message: "Stepscope export version 9 is not supported (this version reads 1).",
    });
  });
});
