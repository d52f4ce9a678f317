/** The quick lookup over several scopes: each scope's answer, merged. Pure. */
import type { FindResponse } from "@/lib/contract/api";

export function mergeFindResponses(query: string, parts: readonly FindResponse[], limit: number): FindResponse {
  const executions = parts.flatMap((p) => p.executions).sort((a, b) => b.startedAt - a.startedAt);
  return {
    query,
    open: parts.find((p) => p.open)?.open,
    stateMachines: parts.flatMap((p) => p.stateMachines),
    executions: executions.slice(0, limit),
    truncated: parts.some((p) => p.truncated) || executions.length > limit,
    // The window every scope searched: the latest of their starts.
    searchedFrom: parts.reduce((latest, p) => Math.max(latest, p.searchedFrom), 0),
    machinesSearched: parts.reduce((n, p) => n + p.machinesSearched, 0),
  };
}
