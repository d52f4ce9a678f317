/** Which scopes keep their executions in the shared store. Pure. */
import type { ScopeDefinition } from "@/lib/config/sources";

/**
 * ARNs carry account and Region, so in AWS two scopes never share one (two sources of the same
 * account and Region read the same executions, and sharing their rows is right). Emulators and
 * demo accounts can serve the same ARNs with different executions: only the first of those per
 * account and Region (an unknown account matches any) keeps its executions in the store; the
 * others index in memory.
 */
export function keepsInStore(defs: readonly Pick<ScopeDefinition, "kind" | "region" | "accountId">[], index: number): boolean {
  const def = defs[index];
  if (def.kind === "aws") return true;
  return !defs.slice(0, index).some(
    (other) => other.kind !== "aws" && other.region === def.region && (other.accountId === undefined || def.accountId === undefined || other.accountId === def.accountId),
  );
}

