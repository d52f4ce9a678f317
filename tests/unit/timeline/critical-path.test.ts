import { describe, expect, it } from "vitest";
import { criticalPath } from "@/lib/timeline";
import { attempt, group, model, run } from "./literal-models";

describe("criticalPath", () => {
  it("walks through a Parallel's longest branch into that branch's Map and its longest iteration", () => {
    const m = model(
      [
        run({ path: "Prepare", enteredAt: 0, exitedAt: 50 }),
        run({
          path: "Fan",
          type: "Parallel",
          enteredAt: 50,
          exitedAt: 900,
          branches: [group("Fan/branch 0", 0, 50, 900, ["Fan/branch 0/Each"]), group("Fan/branch 1", 1, 50, 200, ["Fan/branch 1/Notify"])],
        }),
        run({
          path: "Fan/branch 0/Each",
          type: "Map",
          parentPath: "Fan",
          branch: 0,
          enteredAt: 50,
          exitedAt: 900,
          iterations: [
            group("Fan/branch 0/Each/iteration 0", 0, 60, 300, ["Fan/branch 0/Each/iteration 0/Work"]),
            group("Fan/branch 0/Each/iteration 1", 1, 60, 890, ["Fan/branch 0/Each/iteration 1/Work"]),
          ],
        }),
        run({ path: "Fan/branch 1/Notify", parentPath: "Fan", branch: 1, enteredAt: 50, exitedAt: 200 }),
        run({ path: "Fan/branch 0/Each/iteration 0/Work", parentPath: "Fan/branch 0/Each", iteration: 0, enteredAt: 60, exitedAt: 300 }),
        run({ path: "Fan/branch 0/Each/iteration 1/Work", parentPath: "Fan/branch 0/Each", iteration: 1, enteredAt: 60, exitedAt: 890 }),
        run({ path: "Report", enteredAt: 900, exitedAt: 950 }),
      ],
      { startedAt: 0, stoppedAt: 950 },
    );
    expect([...criticalPath(m)].sort()).toEqual(["Fan", "Fan/branch 0/Each", "Fan/branch 0/Each/iteration 1/Work", "Prepare", "Report"]);
  });

  it("steps back to the run whose end is latest before each start, leaving off runs nothing waited for", () => {
    // Fetch#2 starts at 500: Fetch (ended 500) is what it waited for, not Audit (ended 300).
    const m = model(
      [
        run({
          path: "Each",
          type: "Map",
          enteredAt: 0,
          exitedAt: 1_000,
          iterations: [group("Each/iteration 0", 0, 0, 1_000, ["Each/iteration 0/Audit", "Each/iteration 0/Fetch", "Each/iteration 0/Fetch#2"])],
        }),
        run({ path: "Each/iteration 0/Audit", parentPath: "Each", iteration: 0, enteredAt: 0, exitedAt: 300 }),
        run({ path: "Each/iteration 0/Fetch", type: "Task", parentPath: "Each", iteration: 0, enteredAt: 0, exitedAt: 500, attempts: [attempt(0, 0, 500, "failed")], status: "caught" }),
        run({ path: "Each/iteration 0/Fetch#2", type: "Task", parentPath: "Each", iteration: 0, enteredAt: 500, exitedAt: 1_000, attempts: [attempt(0, 500, 1_000, "succeeded")] }),
      ],
      { startedAt: 0, stoppedAt: 1_000 },
    );
    expect([...criticalPath(m)].sort()).toEqual(["Each", "Each/iteration 0/Fetch", "Each/iteration 0/Fetch#2"]);
  });

  it("ends a running execution's path at the run still going", () => {
    const m = model(
      [
        run({ path: "A", enteredAt: 0, exitedAt: 100 }),
        run({ path: "B", type: "Task", status: "running", enteredAt: 100, attempts: [attempt(0, 100, undefined, "running")] }),
      ],
      { status: "RUNNING", startedAt: 0, complete: false },
    );
    expect([...criticalPath(m, 5_000)].sort()).toEqual(["A", "B"]);
  });

  it("is empty for an execution with no runs", () => {
    expect(criticalPath(model([])).size).toBe(0);
  });
});
