/**
 * The layout's promises on definitions nobody wrote by hand: random machines with Choices,
 * Catches, loops (to earlier states and to themselves), nested Parallel/Map, long names and
 * long conditions. Whatever the shape, no label overlaps anything and no edge crosses a box.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildStateGraph, layoutStateGraph, GROUP_HEADER } from "@/lib/asl";
import { widestBadgeBoxes } from "@/lib/asl/badges";
import { edgesThroughBoxes, labelOverlaps } from "@/lib/asl/layout-quality";
import { edgesOffTheirNodes, overlappingNodes } from "./layout-invariants";

type State = Record<string, unknown>;

const nameArb = fc.string({ minLength: 1, maxLength: 30, unit: fc.constantFrom(..."abcdefghij KLMNOP_-".split("")) });

/** A scope of `n` states; a state's transitions may go anywhere in the scope, itself included. */
function scopeArb(depth: number, prefix: string): fc.Arbitrary<{ StartAt: string; States: Record<string, State> }> {
  return fc
    .record({
      names: fc.uniqueArray(nameArb, { minLength: 1, maxLength: depth === 0 ? 14 : 4 }),
      picks: fc.array(fc.record({ type: fc.nat(9), targets: fc.array(fc.nat(20), { minLength: 1, maxLength: 4 }), cond: fc.string({ maxLength: 60 }), retry: fc.boolean(), catches: fc.nat(2) }), { minLength: 14, maxLength: 14 }),
      inner: depth < 2 ? fc.array(scopeArb(depth + 1, `${prefix}i`), { minLength: 3, maxLength: 3 }) : fc.constant([]),
    })
    .map(({ names, picks, inner }) => {
      const ids = names.map((n, i) => `${prefix}${i} ${n}`);
      const states: Record<string, State> = {};
      ids.forEach((id, i) => {
        const p = picks[i];
        const to = (k: number) => ids[p.targets[k % p.targets.length] % ids.length];
        const ending = i === ids.length - 1 ? { End: true } : { Next: to(0) };
        const catches = Array.from({ length: p.catches }, (_, k) => ({ ErrorEquals: [k === 0 ? "States.ALL" : `Custom.Error${p.cond.length}`], Next: to(k + 1) }));
        const retry = p.retry ? { Retry: [{ ErrorEquals: ["States.TaskFailed"] }] } : {};
        const kind = p.type;
        if (kind <= 2) states[id] = { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", ...retry, ...(catches.length ? { Catch: catches } : {}), ...ending };
        else if (kind === 3) states[id] = { Type: "Pass", ...ending };
        else if (kind === 4) states[id] = { Type: "Wait", Seconds: 1, ...ending };
        else if (kind === 5 && ids.length > 1)
          states[id] = { Type: "Choice", Choices: p.targets.map((_, k) => ({ Variable: `$.${p.cond || "x"}`, StringEquals: `${k}`, Next: to(k) })), Default: to(1) };
        else if (kind === 6) states[id] = { Type: i % 2 ? "Succeed" : "Fail" };
        else if (kind === 7 && inner.length) states[id] = { Type: "Parallel", Branches: inner.slice(0, 1 + (i % 3)), ...(catches.length ? { Catch: catches } : {}), ...ending };
        else if (kind === 8 && inner.length) states[id] = { Type: "Map", ItemProcessor: inner[i % inner.length], ...ending };
        else states[id] = { Type: "Pass", ...ending };
      });
      return { StartAt: ids[0], States: states };
    });
}

/** State names are unique across a machine, nested scopes included: number every one. */
function uniqueNames(definition: { StartAt: string; States: Record<string, State> }) {
  let counter = 0;
  const rename = (scope: { StartAt: string; States: Record<string, State> }): { StartAt: string; States: Record<string, State> } => {
    const names = new Map(Object.keys(scope.States).map((n) => [n, `${n} #${counter++}`]));
    const to = (n: unknown) => names.get(n as string) ?? n;
    const states: Record<string, State> = {};
    for (const [name, raw] of Object.entries(scope.States)) {
      const st: State = { ...raw };
      if (st.Next) st.Next = to(st.Next);
      if (st.Default) st.Default = to(st.Default);
      if (Array.isArray(st.Choices)) st.Choices = st.Choices.map((c: State) => ({ ...c, Next: to(c.Next) }));
      if (Array.isArray(st.Catch)) st.Catch = st.Catch.map((c: State) => ({ ...c, Next: to(c.Next) }));
      if (Array.isArray(st.Branches)) st.Branches = st.Branches.map(rename);
      if (st.ItemProcessor) st.ItemProcessor = rename(st.ItemProcessor as { StartAt: string; States: Record<string, State> });
      states[names.get(name)!] = st;
    }
    return { StartAt: names.get(scope.StartAt)!, States: states };
  };
  return rename(definition);
}

describe("layout of random definitions", () => {
  it("never puts a label on anything, nor an edge through a box", () => {
    fc.assert(
      fc.property(scopeArb(0, "s").map(uniqueNames), (definition) => {
        const built = buildStateGraph(definition);
        expect(built.errors).toEqual([]);
        const graph = built.graph!;
        const layout = layoutStateGraph(graph);
        expect(overlappingNodes(graph, layout)).toEqual([]);
        expect(edgesOffTheirNodes(graph, layout)).toEqual([]);
        expect(labelOverlaps(graph, layout, widestBadgeBoxes(graph, layout), GROUP_HEADER)).toEqual([]);
        expect(edgesThroughBoxes(graph, layout)).toEqual([]);
      }),
      { numRuns: 100, seed: 20261202 },
    );
  }, 120_000);
});
