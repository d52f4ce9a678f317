/**
 * Layout of synthetic state machines (chains, Choice loops, Catch, Parallel → Map → Parallel):
 * build + layout wall time at 100 to 2,000 states, every size warmed up first and the sizes
 * interleaved round by round, so a slow moment of a shared machine doesn't land on one size.
 * The baseline for 1,000 states is elkjs's layered layout of the same graph (same node and
 * label sizes), timed in the same rounds; the quality figures compare the two drawings.
 * The 1,000-state time is also given in CPU time: on a shared machine the wall time says as
 * much about the neighbours as about the layout.
 */
import { buildStateGraph, layoutStateGraph, GROUP_HEADER, type StateGraph } from "@/lib/asl";
import { widestBadgeBoxes } from "@/lib/asl/badges";
import { countEdgesThroughBoxes, labelOverlaps, layoutArea } from "@/lib/asl/layout-quality";
import { corpusFiles } from "../unit/asl/corpus-files";
import { syntheticDefinition } from "../fixtures/synthetic-definitions";
import { elkLayout } from "./elk-baseline";
import { median, figure, type Figure } from "./figure";

const SIZES = [100, 250, 500, 1000, 2000];
const ROUNDS = 5;
const ELK_ROUNDS = 3;

function graphOf(states: number): StateGraph {
  const built = buildStateGraph(syntheticDefinition(states));
  if (!built.graph) throw new Error(built.errors.map((e) => e.message).join("; "));
  return built.graph;
}

interface Took {
  wall: number;
  cpu: number;
}

async function took(fn: () => unknown): Promise<Took> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function timeOurs(states: number): Promise<Took> {
  const definition = syntheticDefinition(states);
  return took(() => layoutStateGraph(buildStateGraph(definition).graph!));
}

export async function figures(): Promise<Figure[]> {
  const thousand = graphOf(1000);
  // Warm every size (and elkjs) up before anything is measured.
  for (const size of SIZES) for (let i = 0; i < 2; i++) await timeOurs(size);
  await took(() => elkLayout(thousand));

  const ours = new Map<number, Took[]>(SIZES.map((s) => [s, []]));
  const elk: Took[] = [];
  const oursBesideElk: Took[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const size of round % 2 === 0 ? SIZES : [...SIZES].reverse()) ours.get(size)!.push(await timeOurs(size));
    if (round < ELK_ROUNDS) {
      // The same graph, ours then elkjs's, back to back.
      oursBesideElk.push(await took(() => layoutStateGraph(thousand)));
      elk.push(await took(() => elkLayout(thousand)));
    }
  }
  const wall = (xs: Took[]) => median(xs.map((x) => x.wall));
  const cpu = (xs: Took[]) => median(xs.map((x) => x.cpu));
  const ms = (size: number) => wall(ours.get(size)!);
  const cpuMs = (size: number) => cpu(ours.get(size)!);

  const layout = layoutStateGraph(thousand);
  const elkBox = await elkLayout(thousand);
  const overlaps = labelOverlaps(thousand, layout, widestBadgeBoxes(thousand, layout), GROUP_HEADER).length;
  const through = countEdgesThroughBoxes(thousand, layout);

  let corpusOverlaps = 0;
  let corpusThrough = 0;
  for (const { definition } of corpusFiles()) {
    const graph = buildStateGraph(definition).graph;
    if (!graph) continue;
    const l = layoutStateGraph(graph);
    corpusOverlaps += labelOverlaps(graph, l, widestBadgeBoxes(graph, l), GROUP_HEADER).length;
    corpusThrough += countEdgesThroughBoxes(graph, l);
  }

  return [
    ...SIZES.map((size) => figure(`asl layout ${size.toLocaleString("en")} states`, ms(size), "ms", null, size === 1000 ? "≤ 300 ms" : "report")),
    // value / baseline = the growth for 10× the states; linear growth is 10.
    figure("asl layout growth 100→1,000 states", ms(1000), "ratio", ms(100), "report (states ×10)"),
    figure("asl layout growth 1,000→2,000 states", ms(2000), "ratio", ms(1000), "report (states ×2)"),
    figure("asl layout growth 100→1,000 states, CPU time", cpuMs(1000), "ratio", cpuMs(100), "report (states ×10)"),
    figure("asl layout growth 1,000→2,000 states, CPU time", cpuMs(2000), "ratio", cpuMs(1000), "report (states ×2)"),
    figure("asl layout 1,000 states, CPU time", cpu(oursBesideElk), "ms", null, "≤ 300 ms"),
    figure("asl layout 1,000 states vs elkjs on the same graph", wall(oursBesideElk), "ratio", wall(elk), "≤ 0.2"),
    figure("asl layout 1,000 states vs elkjs on the same graph, CPU time", cpu(oursBesideElk), "ratio", cpu(elk), "≤ 0.2"),
    figure("asl layout 1,000 states: label overlaps", overlaps, "count", null, "0"),
    figure("asl layout 1,000 states: edges through boxes", through, "count", null, "0"),
    figure("asl layout 1,000 states: area vs elkjs", layoutArea(layout), "ratio", layoutArea(elkBox), "≤ 1.5", "px²"),
    figure("asl layout corpus: label overlaps", corpusOverlaps, "count", null, "0"),
    figure("asl layout corpus: edges through boxes", corpusThrough, "count", null, "0"),
  ];
}
