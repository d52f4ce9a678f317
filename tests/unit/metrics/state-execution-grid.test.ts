import { describe, expect, it } from "vitest";
import { buildStateExecutionGrid, type GridSample } from "@/lib/metrics/state-execution-grid";
import { execution, model, MINUTE, NOW, run } from "./helpers";

function sample(minutesAgo: number, status: GridSample["execution"]["status"], runs: ReturnType<typeof run>[]): GridSample {
  return { execution: execution(status, NOW - minutesAgo * MINUTE, status === "RUNNING" ? undefined : 1_000), model: model(status, runs) };
}

describe("buildStateExecutionGrid", () => {
  const samples = [
    sample(1, "FAILED", [run("Validate", "succeeded"), run("Charge", "failed", { attempts: 3 })]),
    sample(3, "SUCCEEDED", [run("Validate", "succeeded"), run("Charge", "succeeded", { attempts: 2 }), run("Ship", "succeeded")]),
    sample(2, "SUCCEEDED", [run("Validate", "succeeded"), run("Charge", "caught"), run("Refund", "succeeded")]),
    sample(0, "RUNNING", [run("Validate", "running")]),
  ];

  it("puts executions oldest to newest and states in definition order", () => {
    const grid = buildStateExecutionGrid(samples, { stateNames: ["Validate", "Charge", "Ship", "Refund"] });
    expect(grid.columns.map((c) => c.startedAt)).toEqual([3, 2, 1, 0].map((m) => NOW - m * MINUTE));
    expect(grid.rows.map((r) => r.stateName)).toEqual(["Validate", "Charge", "Ship", "Refund"]);
  });

  it("colours each cell by what the state did in that execution", () => {
    const grid = buildStateExecutionGrid(samples, { stateNames: ["Validate", "Charge", "Ship", "Refund"] });
    const outcomes = Object.fromEntries(grid.rows.map((r) => [r.stateName, r.cells.map((c) => c.outcome)]));
    expect(outcomes).toEqual({
      Validate: ["succeeded", "succeeded", "succeeded", "running"],
      Charge: ["retried", "caught", "failed", "not_reached"],
      Ship: ["succeeded", "not_reached", "not_reached", "not_reached"],
      Refund: ["not_reached", "succeeded", "not_reached", "not_reached"],
    });
    expect(grid.rows[1].cells[2]).toMatchObject({ retries: 2, entries: 1, error: "Lambda.ServiceException" });
  });

  it("adds states missing from the definition list after it, in first-seen order", () => {
    const grid = buildStateExecutionGrid(samples, { stateNames: ["Charge"] });
    expect(grid.rows.map((r) => r.stateName)).toEqual(["Charge", "Validate", "Ship", "Refund"]);
  });

  it("keeps only the newest N executions", () => {
    const grid = buildStateExecutionGrid(samples, { lastN: 2 });
    expect(grid.columns.map((c) => c.status)).toEqual(["FAILED", "RUNNING"]);
  });

  it("shows the worst outcome when a state ran many times in one execution", () => {
    const mapped = sample(0, "FAILED", [run("Resize", "succeeded", { path: "Each/iteration 0/Resize" }), run("Resize", "failed", { path: "Each/iteration 1/Resize" }), run("Resize", "succeeded", { path: "Each/iteration 2/Resize" })]);
    const cell = buildStateExecutionGrid([mapped]).rows[0].cells[0];
    expect(cell).toMatchObject({ outcome: "failed", entries: 3 });
  });

  it("is empty without executions", () => {
    expect(buildStateExecutionGrid([])).toEqual({ columns: [], rows: [] });
    expect(buildStateExecutionGrid([], { stateNames: ["A"] }).rows).toEqual([{ stateName: "A", cells: [] }]);
  });
});
