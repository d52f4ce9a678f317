/**
 * Layout of synthetic state machines (chains, Choice loops, Catch, Parallel → Map → Parallel)
 * of 100, 500 and 1,000 states: build + layout wall time, and the growth from 100 to 1,000.
 */
import { buildStateGraph, layoutStateGraph } from "@/lib/asl";
import { syntheticDefinition } from "../fixtures/synthetic-definitions";
import { figure, medianMs, type Figure } from "./figure";

function layoutMs(states: number): number {
  const definition = syntheticDefinition(states);
  return medianMs(() => {
    const built = buildStateGraph(definition);
    if (!built.graph) throw new Error(built.errors.map((e) => e.message).join("; "));
    layoutStateGraph(built.graph);
  }, 5, 1);
}

export async function figures(): Promise<Figure[]> {
  const ms100 = layoutMs(100);
  const ms500 = layoutMs(500);
  const ms1000 = layoutMs(1000);
  return [
    figure("asl layout 100 states", ms100, "ms", null, "report"),
    figure("asl layout 500 states", ms500, "ms", null, "≤ 250 ms"),
    figure("asl layout 1,000 states", ms1000, "ms", null, "report"),
    // value / baseline = the growth: 1,000-state time over 100-state time (10× the states).
    figure("asl layout growth 100→1,000 states", ms1000, "ratio", ms100, "report (states ×10)"),
  ];
}
