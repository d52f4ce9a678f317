/**
 * Search, sort and page the fleet's rows. Pure. Unhealthy first is the default; machines without
 * numbers (Express, not listed yet) always come last, whatever the sort.
 */
import type { FleetRow, FleetSort, ScopeRef } from "@/lib/contract/api";
import { compareByHealth } from "@/lib/metrics";

export interface FleetQuery {
  q?: string;
  sort: FleetSort;
  dir: "asc" | "desc";
  offset: number;
  limit: number;
}

export interface FleetPage {
  rows: FleetRow[];
  total: number;
  nextOffset?: number;
}

/** A row with the scope it belongs to, when the fleet spans several (source, account and Region sort by it). */
type SourcedRow = FleetRow & { source?: ScopeRef };

export function queryFleet(rows: readonly SourcedRow[], query: FleetQuery): FleetPage {
  const needle = query.q?.trim().toLowerCase();
  const matching = needle ? rows.filter((r) => r.name.toLowerCase().includes(needle)) : [...rows];
  const sign = query.dir === "asc" ? -1 : 1;
  matching.sort((a, b) => {
    if (!a.summary || !b.summary) return (a.summary ? -1 : b.summary ? 1 : 0) || a.name.localeCompare(b.name);
    // Every comparator below orders "desc" (biggest, worst first); asc flips it.
    const c = compare(a, b, query.sort);
    return c === 0 ? a.name.localeCompare(b.name) : sign * c;
  });
  const start = Math.min(query.offset, matching.length);
  const end = Math.min(start + query.limit, matching.length);
  return { rows: matching.slice(start, end), total: matching.length, nextOffset: end < matching.length ? end : undefined };
}

function compare(a: SourcedRow, b: SourcedRow, sort: FleetSort): number {
  const sa = a.summary!;
  const sb = b.summary!;
  switch (sort) {
    case "health":
      return compareByHealth({ name: a.name, ...sa }, { name: b.name, ...sb });
    case "name":
      return b.name.localeCompare(a.name);
    case "type":
      return b.type.localeCompare(a.type);
    case "source":
      return (b.source?.name ?? "").localeCompare(a.source?.name ?? "") || (b.source?.region ?? "").localeCompare(a.source?.region ?? "");
    case "account":
      return (b.source?.accountId ?? "").localeCompare(a.source?.accountId ?? "");
    case "region":
      return (b.source?.region ?? "").localeCompare(a.source?.region ?? "");
    case "errors":
      return sb.errors - sa.errors || (sb.errorRate ?? -1) - (sa.errorRate ?? -1);
    case "errorRate":
      return (sb.errorRate ?? -1) - (sa.errorRate ?? -1) || sb.errors - sa.errors;
    case "started":
      return sb.started - sa.started;
    case "running":
      return sb.runningNow - sa.runningNow;
    case "succeeded":
    case "failed":
    case "timedOut":
    case "aborted":
      return sb[sort] - sa[sort];
    case "p50":
    case "p90":
    case "p99":
      return (sb[sort] ?? -1) - (sa[sort] ?? -1);
    case "failingSince":
      // Failing longest first: the earliest start of a run of failures; never failing last.
      return (a.failingSince ?? Number.POSITIVE_INFINITY) - (b.failingSince ?? Number.POSITIVE_INFINITY);
  }
}
