import { describe, expect, it } from "vitest";
import { edgeOnPath, lookup, overlayFromRuns } from "@/lib/asl";
import type { Attempt, StateRun } from "@/lib/history/model";

function run(name: string, status: StateRun["status"], enteredAt: number, exitedAt: number | undefined, attempts: number, extra: Partial<StateRun> = {}): StateRun {
  const list: Attempt[] = Array.from({ length: attempts }, (_, index) => ({ index, status: "failed", scheduledAt: enteredAt, eventIds: [] }));
  return { path: name, name, type: "Task", status, enteredAt, exitedAt, attempts: list, eventIds: [], unknownEvents: [], ...extra };
}

describe("overlayFromRuns", () => {
  it("sums a state's runs: attempts, retries and time; shows its worst outcome", () => {
    const overlay = overlayFromRuns([
      run("Poll", "succeeded", 0, 1000, 1),
      run("Poll", "succeeded", 2000, 2500, 3),
      run("Charge", "caught", 3000, 3100, 4, { caughtBy: "Refund" }),
      run("Refund", "failed", 3200, 3300, 1),
      run("Ship", "not_reached", 0, undefined, 0),
    ], "Refund");
    expect(overlay.Poll).toEqual({ status: "succeeded", attempts: 4, retries: 2, durationMs: 1500, onPath: true });
    expect(overlay.Charge).toMatchObject({ status: "caught", retries: 3, caughtBy: "Refund", onPath: true });
    expect(overlay.Refund).toMatchObject({ status: "failed", emphasis: true });
    expect(overlay.Ship).toMatchObject({ status: "not_reached", onPath: false });
    expect(edgeOnPath(overlay, "Poll", "Charge")).toBe(true);
    expect(edgeOnPath(overlay, "Charge", "Ship")).toBe(false);
  });

  it("keeps the longest run, not the sum, of a state that ran in concurrent Map iterations", () => {
    const overlay = overlayFromRuns([
      run("Resize", "succeeded", 0, 4000, 1, { iteration: 0 }),
      run("Resize", "succeeded", 0, 9000, 1, { iteration: 1 }),
      run("Resize", "succeeded", 500, 2000, 1, { iteration: 2 }),
    ]);
    expect(overlay.Resize).toMatchObject({ durationMs: 9000, durationIsMax: true });
  });

  it("copes with states named like object internals", () => {
    const overlay = overlayFromRuns([run("__proto__", "failed", 0, 5, 1), run("constructor", "succeeded", 0, 5, 1)]);
    expect(lookup(overlay, "__proto__")?.status).toBe("failed");
    expect(lookup(overlay, "constructor")?.status).toBe("succeeded");
    expect(lookup(overlay, "toString")).toBeUndefined();
  });
});
