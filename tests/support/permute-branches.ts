/**
 * Other valid arrival orders of a recorded history. Branches of a Parallel run concurrently, so
 * running one branch entirely before another is a history the service could have written: the
 * events of each branch keep their order and links, only which branch's events come first
 * changes. Ids are renumbered in the new order and `previousEventId` follows them.
 */
import { foldHistory } from "@/lib/history";
import type { HistoryEvent } from "@/lib/history/events";
import type { ExecutionModel, StateRun } from "@/lib/history/model";

/** Event ids of each branch of each Parallel run, in the model's branch order. */
function branchEventIds(model: ExecutionModel): number[][][] {
  const out: number[][][] = [];
  for (const run of model.runs) {
    if (!run.branches || run.branches.length < 2) continue;
    out.push(run.branches.map((b) => idsUnder(model.runs, b.path)));
  }
  return out;
}

function idsUnder(runs: StateRun[], groupPath: string): number[] {
  const ids: number[] = [];
  for (const r of runs) if (r.path.startsWith(groupPath + "/")) ids.push(...r.eventIds);
  return ids.sort((a, b) => a - b);
}

/**
 * The history with the branches of the `which`-th Parallel run (in entry order) serialised in
 * `order` (a permutation of branch positions): all events of branch order[0] first, and so on.
 */
export function serialiseBranches(events: HistoryEvent[], which: number, order: number[]): HistoryEvent[] {
  const parallel = branchEventIds(foldHistory(events))[which];
  if (!parallel) throw new Error(`no Parallel run #${which} with two or more branches`);
  const inBranch = new Map<number, number>();
  parallel.forEach((ids, b) => ids.forEach((id) => inBranch.set(id, b)));
  const window = events.filter((e) => inBranch.has(e.id));
  const firstSlot = events.findIndex((e) => inBranch.has(e.id));
  const reordered = order.flatMap((b) => window.filter((e) => inBranch.get(e.id) === b));
  const rest = events.filter((e) => !inBranch.has(e.id));
  const laid = [...rest.slice(0, firstSlot), ...reordered, ...rest.slice(firstSlot)];
  const newId = new Map(laid.map((e, i) => [e.id, i + 1]));
  return laid.map((e) => ({ ...e, id: newId.get(e.id)!, previousEventId: e.previousEventId ? (newId.get(e.previousEventId) ?? 0) : 0 }));
}

/** How many Parallel runs with two or more branches the history has, and their branch counts. */
export function parallelBranchCounts(events: HistoryEvent[]): number[] {
  return branchEventIds(foldHistory(events)).map((p) => p.length);
}

export function permutations(n: number): number[][] {
  if (n <= 1) return [[0]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let i = 0; i <= rest.length; i++) out.push([...rest.slice(0, i), n - 1, ...rest.slice(i)]);
  }
  return out;
}
