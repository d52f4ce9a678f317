/** Which scopes keep their executions in the shared store. Pure. */
import type { ScopeDefinition } from "@/lib/config/sources";

type Place = Pick<ScopeDefinition, "kind" | "region" | "accountId">;

/**
 * Whether two scopes may serve the same ARNs with different executions. Two AWS scopes never
 * do: an ARN names its account and Region, and the same account reads the same executions
 * (sharing their rows is right). An emulator or a demo may: with another of its kind when the
 * accounts are the same or one is not known; with AWS only when both accounts are known and equal.
 */
function mayCollide(a: Place, b: Place): boolean {
  if (a.region !== b.region || (a.kind === "aws" && b.kind === "aws")) return false;
  if (a.accountId !== undefined && b.accountId !== undefined) return a.accountId === b.accountId;
  return a.kind !== "aws" && b.kind !== "aws";
}

/** Only the first of scopes that may collide keeps its executions in the store; the others index in memory. */
export function keepsInStore(defs: readonly Place[], index: number): boolean {
  return !defs.slice(0, index).some((other) => mayCollide(other, defs[index]));
}


/** Why a scope that does not keep its executions in the store is left out of what reads the store (search). */
export const NOT_IN_STORE_REASON =
  "Its executions are indexed in memory only: it shares its account and Region with an earlier emulator or demo source. Give each such source its own accountId to keep it in the store and search it.";
