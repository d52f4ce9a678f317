/**
 * The variables a state could read, from recorded AWS histories: outer variables are visible
 * inside Map iterations, an iteration's own never leak into the next one, and a state does not
 * see what it assigns itself.
 */
import { describe, expect, it } from "vitest";
import { foldHistory } from "@/lib/history";
import type { ExecutionModel } from "@/lib/history/model";
import { variablesInScope } from "@/lib/postmortem/variables-in-scope";
import { ev, loadRecorded } from "../history/histories";

function scopeAt(model: ExecutionModel, path: string): Record<string, string> {
  const run = model.runs.find((r) => r.path === path);
  if (!run) throw new Error(`no run ${path}; have ${model.runs.map((r) => r.path).join(", ")}`);
  return Object.fromEntries(variablesInScope(model, run).map((v) => [v.name, v.value]));
}

describe("variables in scope", () => {
  // Input assigns bias; each IterateLevels iteration assigns x/y/zCurrent; each inner
  // Calculate iteration assigns Sum.
  const model = foldHistory(loadRecorded("test_assign_reference_variables_test_reference_assign_BASE_REFERENCE_IN_ITERATOR_OUTER_SCOPE").events);

  it("a top-level state sees nothing before the first assignment, and not its own", () => {
    expect(scopeAt(model, "Input")).toEqual({});
    expect(scopeAt(model, "IterateLevels")).toEqual({ bias: "4.3" });
  });

  it("a state in a Map iteration sees the outer scope and its own iteration, not a sibling's", () => {
    const [first, second] = model.runs.filter((r) => r.name === "AssignCurrentVector");
    expect(scopeAt(model, first.path)).toEqual({ bias: "4.3" });
    // The second iteration does not see the first iteration's x/y/zCurrent.
    expect(scopeAt(model, second.path)).toEqual({ bias: "4.3" });
    const calculate = model.runs.filter((r) => r.name === "Calculate")[1];
    expect(scopeAt(model, calculate.path)).toEqual({ bias: "4.3", xCurrent: "82", yCurrent: "25", zCurrent: "76" });
  });

  it("an inner iteration does not see the Sum its sibling iteration assigned", () => {
    const summates = model.runs.filter((r) => r.name === "Summate" && r.parentPath === model.runs.filter((x) => x.name === "Calculate")[0].path);
    expect(summates).toHaveLength(3);
    for (const run of summates) expect(scopeAt(model, run.path)).toEqual({ bias: "4.3", xCurrent: "9", yCurrent: "44", zCurrent: "6" });
    const outer = variablesInScope(model, summates[0]).find((v) => v.name === "bias")!;
    expect(outer).toMatchObject({ outer: true, assignedBy: "Input", truncated: false });
  });

  it("nothing assigned inside a Map is visible after it", () => {
    const after = foldHistory([
      ...loadRecorded("test_assign_reference_variables_test_reference_assign_BASE_REFERENCE_IN_ITERATOR_OUTER_SCOPE").events.slice(0, -1),
      ev(68, 67, "PassStateEntered", { name: "After", input: "{}" }),
    ]);
    expect(scopeAt(after, "After")).toEqual({ bias: "4.3" });
  });

  it("a later assignment replaces an earlier one; a Parallel branch does not see its sibling's", () => {
    const m = foldHistory([
      ev(1, 0, "ExecutionStarted", { input: "{}" }),
      ev(2, 1, "PassStateEntered", { name: "A", input: "{}" }),
      ev(3, 2, "PassStateExited", { name: "A", output: "{}", assignedVariables: { n: "1", keep: '"k"' } }),
      ev(4, 3, "PassStateEntered", { name: "B", input: "{}" }),
      ev(5, 4, "PassStateExited", { name: "B", output: "{}", assignedVariables: { n: "2" }, assignedVariablesDetails: { truncated: true } }),
      ev(6, 5, "ParallelStateEntered", { name: "Fan", input: "{}" }),
      ev(7, 6, "ParallelStateStarted"),
      ev(8, 7, "PassStateEntered", { name: "Left", input: "{}" }),
      ev(9, 7, "PassStateEntered", { name: "Right", input: "{}" }),
      ev(10, 8, "PassStateExited", { name: "Left", output: "{}", assignedVariables: { left: "true" } }),
      ev(11, 10, "PassStateEntered", { name: "LeftNext", input: "{}" }),
      ev(12, 9, "PassStateExited", { name: "Right", output: "{}" }),
      ev(13, 12, "PassStateEntered", { name: "RightNext", input: "{}" }),
    ]);
    expect(scopeAt(m, "B")).toEqual({ n: "1", keep: '"k"' });
    const next = m.runs.find((r) => r.name === "LeftNext")!;
    const right = m.runs.find((r) => r.name === "RightNext")!;
    expect(scopeAt(m, next.path)).toEqual({ n: "2", keep: '"k"', left: "true" });
    expect(scopeAt(m, right.path)).toEqual({ n: "2", keep: '"k"' });
    expect(variablesInScope(m, right).find((v) => v.name === "n")).toMatchObject({ truncated: true, assignedBy: "B", outer: true });
  });
});
