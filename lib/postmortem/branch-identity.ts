/**
 * Branch identity: which Parallel branch a run belongs to is the definition's answer (state
 * names are unique in a machine, so a branch's first state names the branch), never the
 * order in which branch events happened to arrive. Every fold that has the definition goes
 * through here, so paths, deep links, compare and exports agree from one execution to the next.
 */
import { branchIndexOf, scopeEndingStates } from "@/lib/asl/walk";
import { foldHistory, type FoldOptions, type HistoryEvent } from "@/lib/history";
import type { ExecutionModel } from "@/lib/history/model";

/** Fold options for a definition (parsed or as text); none when there is no definition. */
export function foldOptionsFor(definition: unknown): FoldOptions {
  if (definition === undefined || definition === null || definition === "") return {};
  const branchIndex = branchIndexOf(definition);
  if (branchIndex.size === 0) return {};
  // Which states end their branch: a live Parallel's finished branch then stops showing as running.
  return { branchIndex, endsScope: scopeEndingStates(definition) };
}

/** The execution model with branches numbered by the definition when there is one. */
export function foldExecution(events: HistoryEvent[], definition: unknown): ExecutionModel {
  return foldHistory(events, foldOptionsFor(definition));
}

/** What a person should be told about how branches are numbered, when it matters. */
export function branchNumberingNote(model: ExecutionModel): string | undefined {
  if (model.branchNumbering !== "arrival") return undefined;
  return "Parallel branches are numbered in the order their events arrived, because the definition was not available (or does not name a branch's first state): the same branch may get another number in another execution.";
}
