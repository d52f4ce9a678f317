/**
 * The demo account's events have the shape real ones have: every event type that appears both
 * in a recorded AWS history and in the demo account has, in the demo, one of the `*EventDetails`
 * keys and field sets it has in a recording.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createDemoAccount } from "@/mocks";
import { call, fullHistory, listSince, machineArn, STANDARD_MACHINES, T0 } from "./account-helpers";
import type { WireEvent } from "./history-checks";

const FIXTURES = path.join(__dirname, "fixtures");

/** Detail fields that only appear sometimes (timeouts on TaskScheduled, cause on failures). */
const OPTIONAL = new Set(["timeoutInSeconds", "heartbeatInSeconds", "cause", "error"]);
/**
 * A state with Assign adds these to its Exited event. They are recorded on Pass, Task, Choice and
 * Wait exits; the demo also writes them on a Map's, which the recordings happen not to cover.
 */
const ASSIGNED = ["assignedVariables", "assignedVariablesDetails"];

function shapeOf(e: WireEvent, drop: readonly string[] = []): string {
  const key = Object.keys(e).find((k) => k.endsWith("EventDetails"));
  const fields = key ? Object.keys(e[key] as object).filter((f) => !OPTIONAL.has(f) && !drop.includes(f)).sort() : [];
  return `${key ?? "-"}: ${fields.join(",")}`;
}

describe("event shapes", () => {
  const real = new Map<string, Set<string>>();
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith(".json"))) {
    const recorded = JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")) as { events: WireEvent[] };
    for (const e of recorded.events) real.set(e.type, (real.get(e.type) ?? new Set()).add(shapeOf(e)));
  }

  it("match the recorded AWS histories for every shared event type", () => {
    const account = createDemoAccount({ seed: 42, clock: () => T0 });
    const demo = new Map<string, WireEvent>();
    for (const name of STANDARD_MACHINES) {
      const listed = listSince(account, { stateMachineArn: machineArn(name) }, T0 - 86_400_000);
      const sample = ["SUCCEEDED", "ABORTED", "TIMED_OUT"].flatMap((status) => listed.filter((x) => x.status === status).slice(0, 3));
      // One failure of each kind (a Lambda error, an evaluation error, the history quota…).
      const failureKinds = new Map<string, (typeof listed)[number]>();
      for (const e of listed.filter((x) => x.status === "FAILED").slice(0, 40)) {
        const error = call(account, "DescribeExecution", { executionArn: e.executionArn }).error as string;
        if (!failureKinds.has(error)) failureKinds.set(error, e);
      }
      for (const e of [...sample, ...failureKinds.values()]) {
        for (const event of fullHistory(account, e.executionArn)) demo.set(`${event.type} ${shapeOf(event)}`, event);
      }
    }
    const shared = [...demo.values()].filter((e) => real.has(e.type));
    expect(new Set(shared.map((e) => e.type)).size).toBeGreaterThan(25);
    for (const e of shared) {
      const shapes = real.get(e.type)!;
      const assigns = ASSIGNED.every((f) => f in ((e.stateExitedEventDetails as object) ?? {}));
      const matches = shapes.has(shapeOf(e)) || (assigns && shapes.has(shapeOf(e, ASSIGNED)));
      expect(matches, `${e.type} ${shapeOf(e)} is none of ${[...shapes].join(" | ")}`).toBe(true);
    }
    // The JSONata machine's events are among those compared.
    for (const type of ["EvaluationFailed", "PassStateExited", "WaitStateExited", "ChoiceStateExited"]) expect(shared.map((e) => e.type)).toContain(type);
    expect([...demo.values()].some((e) => shapeOf(e).includes("assignedVariables"))).toBe(true);
  });
});
