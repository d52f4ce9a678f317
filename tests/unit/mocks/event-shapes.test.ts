/**
 * The demo account's events have the shape real ones have: for every event type that appears
 * both in a recorded AWS history and in the demo account, the same `*EventDetails` key and the
 * same detail fields.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createDemoAccount } from "@/mocks";
import { fullHistory, listAll, machineArn, T0 } from "./account-helpers";
import type { WireEvent } from "./history-checks";

const FIXTURES = path.join(__dirname, "fixtures");

/** Detail fields that only appear sometimes (timeouts on TaskScheduled, cause on failures). */
const OPTIONAL = new Set(["timeoutInSeconds", "heartbeatInSeconds", "cause", "error"]);

function shapes(events: WireEvent[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of events) {
    const key = Object.keys(e).find((k) => k.endsWith("EventDetails"));
    const fields = key ? Object.keys(e[key] as object).filter((f) => !OPTIONAL.has(f)).sort() : [];
    out.set(e.type, `${key ?? "-"}: ${fields.join(",")}`);
  }
  return out;
}

describe("event shapes", () => {
  const real = new Map<string, string>();
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith(".json"))) {
    const recorded = JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")) as { events: WireEvent[] };
    for (const [type, shape] of shapes(recorded.events)) real.set(type, shape);
  }

  it("match the recorded AWS histories for every shared event type", () => {
    const account = createDemoAccount({ seed: 42, clock: () => T0 });
    const demo = new Map<string, string>();
    for (const name of ["order-processing", "etl-ingest", "media-pipeline", "human-approval"]) {
      const listed = listAll(account, { stateMachineArn: machineArn(name) });
      for (const status of ["SUCCEEDED", "FAILED", "ABORTED", "TIMED_OUT"]) {
        const e = listed.find((x) => x.status === status);
        if (e) for (const [type, shape] of shapes(fullHistory(account, e.executionArn))) demo.set(type, shape);
      }
    }
    const shared = [...demo.keys()].filter((type) => real.has(type)).sort();
    expect(shared.length).toBeGreaterThan(20);
    for (const type of shared) expect(`${type} ${demo.get(type)}`).toBe(`${type} ${real.get(type)}`);
  });
});
