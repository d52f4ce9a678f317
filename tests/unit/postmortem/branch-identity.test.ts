/**
 * Branch identity: a state lands in the same `branch N` whatever order its branch's events
 * arrived in, and N is the branch's position in the definition. Recorded moto histories with
 * Parallel states, and every other serialisation of their branches.
 */
import { describe, expect, it } from "vitest";
import { branchIndexOf } from "@/lib/asl/walk";
import { foldHistory } from "@/lib/history";
import type { ExecutionModel } from "@/lib/history/model";
import { branchNumberingNote, foldExecution } from "@/lib/postmortem/branch-identity";
import { layoutTimeline } from "@/lib/timeline";
import { loadMotoHistory } from "../../fixtures/moto-histories";
import { parallelBranchCounts, permutations, serialiseBranches } from "../../support/permute-branches";

const WITH_PARALLEL = ["parallel-three", "map-of-parallel", "map-of-parallel-cut"];

function pathsOf(model: ExecutionModel): string[] {
  return model.runs.map((r) => r.path).sort();
}

/** Every history the service could have written for the same run: each Parallel's branches in every order. */
function variants(name: string) {
  const { events } = loadMotoHistory(name);
  const out = [{ label: "as recorded", events }];
  parallelBranchCounts(events).forEach((count, which) => {
    for (const order of permutations(count)) out.push({ label: `Parallel #${which} in order ${order.join(",")}`, events: serialiseBranches(events, which, order) });
  });
  return out;
}

describe("Parallel branches are the definition's branches", () => {
  for (const name of WITH_PARALLEL) {
    const { definition } = loadMotoHistory(name);
    const index = branchIndexOf(definition);

    it(`${name}: every run directly in a branch carries that branch's definition index, in every arrival order`, () => {
      const all = variants(name);
      expect(all.length).toBeGreaterThan(2);
      const expected = pathsOf(foldExecution(all[0].events, definition));
      for (const v of all) {
        const model = foldExecution(v.events, definition);
        expect(model.branchNumbering, v.label).toBe("definition");
        expect(pathsOf(model), v.label).toEqual(expected);
        for (const run of model.runs) {
          if (run.branch === undefined) continue;
          expect(run.branch, `${v.label}: ${run.path}`).toBe(index.get(run.name));
          expect(run.path, v.label).toContain(`/branch ${index.get(run.name)}/${run.name}`);
        }
        for (const run of model.runs) {
          if (run.branches) expect(run.branches.map((b) => b.index), v.label).toEqual([...run.branches.map((b) => b.index)].sort((a, b) => a - b));
        }
      }
    });
  }

  it("without the definition the arrival order numbers branches, and the model says so", () => {
    const all = variants("parallel-three");
    const numberings = new Set(all.map((v) => pathsOf(foldHistory(v.events)).join("|")));
    // The bug this guards against: the same state in another branch number from one history to the next.
    expect(numberings.size).toBeGreaterThan(1);
    const bare = foldHistory(all[0].events);
    expect(bare.branchNumbering).toBe("arrival");
    expect(branchNumberingNote(bare)).toMatch(/order their events arrived/);
    expect(branchNumberingNote(foldExecution(all[0].events, loadMotoHistory("parallel-three").definition))).toBeUndefined();
  });

  it("a branch whose sibling never started keeps its own number (moto started only the failing branch)", () => {
    const { events, definition } = loadMotoHistory("parallel-fail");
    expect(foldHistory(events).runs.map((r) => r.path)).toContain("Fan/branch 0/Boom");
    const model = foldExecution(events, definition);
    expect(model.runs.map((r) => r.path)).toEqual(["Fan", "Fan/branch 1/Boom", "Handled"]);
    expect(model.failedRunPath).toBeUndefined();
  });

  it("the timeline labels a branch with the number its paths carry", () => {
    const { events, definition } = loadMotoHistory("parallel-three");
    const reversed = serialiseBranches(events, 0, [2, 1, 0]);
    const model = foldExecution(reversed, definition);
    const layout = layoutTimeline(model, { expanded: new Set() });
    const lanes = layout.rows.filter((r) => r.kind === "branch").map((r) => [r.label, r.runPath]);
    expect(lanes).toEqual([
      ["branch 0", "Fan/branch 0/Slow"],
      ["branch 1", "Fan/branch 1/Mid"],
      ["branch 2", "Fan/branch 2/Quick"],
    ]);
  });

  it("a model built incrementally numbers branches as one built at once", async () => {
    const { applyEvents } = await import("@/lib/history");
    const { events, definition } = loadMotoHistory("map-of-parallel");
    const reversed = serialiseBranches(events, 1, [1, 0]);
    const once = foldExecution(reversed, definition);
    let model = foldExecution(reversed.slice(0, 9), definition);
    for (let i = 9; i < reversed.length; i += 4) model = applyEvents(model, reversed.slice(i, i + 4));
    expect(pathsOf(model)).toEqual(pathsOf(once));
  });
});
