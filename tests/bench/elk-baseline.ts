/**
 * The same state graph laid out by elkjs (ELK's layered algorithm, the reference the issue
 * measures us against): one compound graph, containers holding their groups, groups their
 * states, every node at the size our layout gives it (badge room included), every edge label
 * at the size our measurer gives it. Only the bench uses it.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import {
  CONTAINER_HEADER,
  CONTAINER_PADDING,
  GAP_X,
  GAP_Y,
  GROUP_GAP,
  GROUP_HEADER,
  GROUP_PADDING,
  ROOT_SCOPE,
  plainNodeSize,
  type StateGraph,
} from "@/lib/asl";
import { badgeOverhang, reservedBadgeRows } from "@/lib/asl/badges";
import { edgeLabelSize, edgeLabelText } from "@/lib/asl/text-measure";

const elk = new ELK();

const LAYERED = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.spacing.nodeNode": String(GAP_X),
  "elk.layered.spacing.nodeNodeBetweenLayers": String(GAP_Y),
  "elk.spacing.edgeLabel": "2",
  "elk.edgeLabels.placement": "CENTER",
  // Break loops against the definition's order (Start first), as our depth-first walk from
  // StartAt does. ELK's default greedy breaker reverses forward edges on these machines and
  // spreads a 1,000-state drawing 12,000 px wide (7× the area); this is its best drawing here.
  "elk.layered.cycleBreaking.strategy": "MODEL_ORDER",
};

export function toElk(graph: StateGraph): ElkNode {
  const catchTargets = new Map<string, string[]>();
  for (const e of graph.edges) if (e.kind === "catch") (catchTargets.get(e.from) ?? catchTargets.set(e.from, []).get(e.from)!).push(e.to);
  const byScope = new Map<string, ElkNode[]>();
  const edgesByScope = new Map<string, ElkExtendedEdge[]>();
  const elkNodes = new Map<string, ElkNode>();
  for (const n of graph.nodes) {
    const size = plainNodeSize(n);
    const node: ElkNode = { id: `n:${n.id}`, width: size.width, height: size.height + badgeOverhang(reservedBadgeRows(n, size.width, catchTargets.get(n.id) ?? [])) };
    elkNodes.set(n.id, node);
    (byScope.get(n.scope) ?? byScope.set(n.scope, []).get(n.scope)!).push(node);
  }
  for (const e of graph.edges) {
    const text = edgeLabelText(e);
    const edge: ElkExtendedEdge = { id: `e:${e.id}`, sources: [`n:${e.from}`], targets: [`n:${e.to}`] };
    if (text) edge.labels = [{ id: `l:${e.id}`, text, ...edgeLabelSize(text) }];
    (edgesByScope.get(e.scope) ?? edgesByScope.set(e.scope, []).get(e.scope)!).push(edge);
  }
  const scopeNode = (scope: string): Pick<ElkNode, "children" | "edges"> => ({ children: byScope.get(scope) ?? [], edges: edgesByScope.get(scope) ?? [] });
  for (const g of graph.groups) {
    const owner = elkNodes.get(g.owner)!;
    const group: ElkNode = {
      id: `g:${g.id}`,
      ...scopeNode(g.id),
      layoutOptions: { "elk.padding": `[top=${GROUP_HEADER + GROUP_PADDING},left=${GROUP_PADDING},bottom=${GROUP_PADDING},right=${GROUP_PADDING}]` },
    };
    owner.children = [...(owner.children ?? []), group];
    owner.layoutOptions = {
      "elk.padding": `[top=${CONTAINER_HEADER},left=${CONTAINER_PADDING},bottom=${CONTAINER_PADDING},right=${CONTAINER_PADDING}]`,
      "elk.spacing.nodeNode": String(GROUP_GAP),
    };
    // A container's size comes from its children.
    delete owner.width;
    delete owner.height;
  }
  return { id: "root", layoutOptions: { ...LAYERED, "elk.padding": "[top=0,left=0,bottom=0,right=0]" }, ...scopeNode(ROOT_SCOPE) };
}

export async function elkLayout(graph: StateGraph): Promise<{ width: number; height: number }> {
  const out = await elk.layout(toElk(graph));
  return { width: out.width ?? 0, height: out.height ?? 0 };
}
