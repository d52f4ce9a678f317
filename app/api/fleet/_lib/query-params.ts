/**
 * Query parameters of the fleet and metrics routes, validated at the edge: a bad one becomes a
 * 400 whose message says what was expected.
 */
import { z } from "zod";
import { defaultFleetSortDir, FLEET_SORTS, type FleetSort } from "@/lib/contract/api";
import { parseWindow, resolveWindow, type ResolvedWindow } from "@/lib/metrics";
import { SfnError } from "@/lib/sfn";

function bad(message: string): SfnError {
  return new SfnError("BAD_REQUEST", message);
}

function param(url: URL, key: string): string | undefined {
  const value = url.searchParams.get(key);
  return value === null || value === "" ? undefined : value;
}

/** `window=15m|1h|24h|7d`, or `window=custom&from=&to=` (epoch ms or ISO dates); 24h when absent. */
export function parseWindowParams(request: Request, now: number): ResolvedWindow {
  const url = new URL(request.url);
  const window = param(url, "window");
  const from = param(url, "from");
  const to = param(url, "to");
  if (window === "custom" && (!from || !to)) throw bad("window=custom needs both 'from' and 'to' (epoch ms or ISO dates).");
  if (window !== undefined && window !== "custom" && (from || to)) {
    throw bad(`Give either window=${window} or window=custom with 'from' and 'to', not both.`);
  }
  const parsed = parseWindow({ window: window === "custom" ? undefined : window, from, to });
  if (!parsed.ok) throw bad(parsed.message);
  if (typeof parsed.spec === "object" && parsed.spec.to - parsed.spec.from > 366 * 24 * 3_600_000) {
    throw bad("A custom window may span at most a year.");
  }
  return resolveWindow(parsed.spec, now);
}

const SORTS = FLEET_SORTS as [FleetSort, ...FleetSort[]];

const fleetQuery = z.object({
  q: z.string().max(200, "q (the name search) may be at most 200 characters").optional(),
  sort: z.enum(SORTS, { error: `sort must be one of ${SORTS.join(", ")}` }).default("health"),
  dir: z.enum(["asc", "desc"], { error: "dir must be asc or desc" }).optional(),
  cursor: z.string().regex(/^\d{1,7}$/, "cursor must be a value returned as nextCursor").transform(Number).optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "limit must be a whole number from 1 to 500")
    .transform(Number)
    .pipe(z.number().min(1, "limit must be at least 1").max(500, "limit must be at most 500"))
    .optional(),
});

export interface FleetParams {
  q?: string;
  sort: FleetSort;
  dir: "asc" | "desc";
  offset: number;
  limit: number;
}

export function parseFleetParams(request: Request): FleetParams {
  const url = new URL(request.url);
  const raw = Object.fromEntries(["q", "sort", "dir", "cursor", "limit"].map((k) => [k, param(url, k)]));
  const parsed = fleetQuery.safeParse(raw);
  if (!parsed.success) throw bad(parsed.error.issues[0]?.message ?? "invalid query");
  const { q, sort, dir, cursor, limit } = parsed.data;
  // Names read A→Z by default; every number reads biggest (worst) first.
  return { q, sort, dir: dir ?? defaultFleetSortDir(sort), offset: cursor ?? 0, limit: limit ?? 100 };
}

const scopeFilter = z.object({
  sources: z.array(z.string().max(120, "source must be a source id as GET /api/sources lists them")).max(100, "at most 100 source filters"),
  regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "region must look like us-east-1")).max(100, "at most 100 region filters"),
});

/** `source=<id>` and `region=<r>`, each repeatable: which scopes the fleet lists (all when absent). */
export function parseScopeFilters(request: Request): { sources: string[]; regions: string[] } {
  const url = new URL(request.url);
  const parsed = scopeFilter.safeParse({
    sources: url.searchParams.getAll("source").filter((s) => s !== ""),
    regions: url.searchParams.getAll("region").filter((s) => s !== ""),
  });
  if (!parsed.success) throw bad(parsed.error.issues[0]?.message ?? "invalid source or region filter");
  return parsed.data;
}
