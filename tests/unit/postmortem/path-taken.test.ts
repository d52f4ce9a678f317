/** The path taken: only edges whose transition happened are drawn as taken. */
import { describe, expect, it } from "vitest";
import { buildStateGraph, type StateGraph } from "@/lib/asl";
import { foldHistory } from "@/lib/history";
import { executionOverlay } from "@/lib/postmortem/execution-overlay";
import { pathHighlight } from "@/lib/postmortem/path-taken";
import { foldExecution } from "@/lib/postmortem/branch-identity";
import { ev } from "../history/histories";
import { compareOverlay, matchRuns, stateDeltas } from "@/lib/compare";
import { loadMotoHistory, motoHistoryNames } from "../../fixtures/moto-histories";

const definition = {
  StartAt: "Big?",
  States: {
    "Big?": { Type: "Choice", Choices: [{ Variable: "$.amount", NumericGreaterThan: 100, Next: "Review" }], Default: "Charge" },
    Review: { Type: "Pass", Next: "Charge" },
    Charge: { Type: "Pass", End: true },
  },
};

const history = [
  ev(1, 0, "ExecutionStarted", { input: "{}" }),
  ev(2, 1, "ChoiceStateEntered", { name: "Big?", input: "{}" }),
  ev(3, 2, "ChoiceStateExited", { name: "Big?", output: "{}" }),
  ev(4, 3, "PassStateEntered", { name: "Review", input: "{}" }),
  ev(5, 4, "PassStateExited", { name: "Review", output: "{}" }),
  ev(6, 5, "PassStateEntered", { name: "Charge", input: "{}" }),
  ev(7, 6, "PassStateExited", { name: "Charge", output: "{}" }),
  ev(8, 7, "ExecutionSucceeded", { output: "{}" }),
];

function takenEdges(graph: StateGraph, highlight: { edges: ReadonlySet<string> }) {
  return graph.edges.filter((e) => highlight.edges.has(e.id)).map((e) => `${e.from}→${e.to} (${e.kind})`);
}

describe("path taken", () => {
  it("after a Choice, draws only the rule that was followed, not the Default to a state that ran later", () => {
    const graph = buildStateGraph(definition).graph!;
    const highlight = pathHighlight(graph, executionOverlay(foldHistory(history), graph));
    const taken = takenEdges(graph, highlight).filter((e) => !e.startsWith("\u0000"));
    expect(taken).toEqual(["Big?→Review (choice)", "Review→Charge (next)", expect.stringMatching(/^Charge→.*\(end\)$/)]);
  });

  it("the compare page's merged graph draws B's path the same way: not the Default to a state that ran later", () => {
    const graph = buildStateGraph(definition).graph!;
    const viaDefault = foldHistory([history[0], history[1], history[2], ...history.slice(5).map((e, i) => ({ ...e, previousEventId: i === 0 ? 3 : e.previousEventId }))]);
    const viaReview = foldHistory(history);
    const highlight = pathHighlight(graph, compareOverlay(stateDeltas(viaDefault, viaReview, matchRuns(viaDefault, viaReview)), viaReview));
    const taken = takenEdges(graph, highlight).filter((e) => !e.startsWith("\u0000"));
    expect(taken).toEqual(["Big?→Review (choice)", "Review→Charge (next)", expect.stringMatching(/^Charge→.*\(end\)$/)]);
  });

  it("draws the Default when the Default was followed (moto)", () => {
    const { events, definition: def } = loadMotoHistory("choice-default");
    const graph = buildStateGraph(def).graph!;
    const taken = takenEdges(graph, pathHighlight(graph, executionOverlay(foldHistory(events), graph)));
    expect(taken.filter((e) => e.startsWith("Route"))).toEqual(["Route→Small (default)"]);
  });

  it("a caught Parallel takes its catch edge, not its Next (moto)", () => {
    const { events, definition: def } = loadMotoHistory("parallel-fail");
    const graph = buildStateGraph(def).graph!;
    const taken = takenEdges(graph, pathHighlight(graph, executionOverlay(foldExecution(events, def), graph)));
    expect(taken.filter((e) => e.startsWith("Fan"))).toEqual(["Fan→Handled (catch)"]);
  });

  it("a state that failed or was aborted takes no edge to its scope's End (moto: a Parallel failed by one branch)", () => {
    const { events, definition: def } = loadMotoHistory("parallel-task-fail");
    const graph = buildStateGraph(def).graph!;
    const taken = takenEdges(graph, pathHighlight(graph, executionOverlay(foldExecution(events, def), graph)));
    const fromStates = taken.filter((e) => !e.startsWith("\u0000") && !/^[^→]*start/i.test(e));
    expect(fromStates).toEqual([expect.stringMatching(/^Boom→.*\(end\)$/)]);
  });

  it("on every recorded history, a state entered once has at most one taken edge out of it", () => {
    for (const name of motoHistoryNames()) {
      const { events, definition: def } = loadMotoHistory(name);
      const graph = buildStateGraph(def).graph!;
      const model = foldExecution(events, def);
      const taken = pathHighlight(graph, executionOverlay(model, graph));
      for (const state of graph.stateNames) {
        if (model.runs.filter((r) => r.name === state).length !== 1) continue;
        const out = graph.edges.filter((e) => e.from === state && taken.edges.has(e.id));
        expect(out.length, `${name}: ${state}`).toBeLessThanOrEqual(1);
      }
    }
  });
});
