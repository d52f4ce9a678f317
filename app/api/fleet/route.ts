import type { FleetResponse, FleetRow, FleetRowWithSource, SourceTotals } from "@/lib/contract/api";
import { serviceRowsWithFigures } from "@/lib/server/fleet-figures";
import { queryFleet } from "@/lib/server/fleet";
import { noteScopeArn, scopeService, scopeSourceInfo, sourceRegistry, toSourceScope, type Scope } from "@/lib/server/sources/registry";
import { selectScopes } from "@/lib/server/sources/resolve-scope";
import { sumTotals, totalsOfRows } from "@/lib/server/sources/fleet-totals";
import type { ResolvedWindow } from "@/lib/metrics";
import { respond } from "../_lib/respond";
import { parseFleetParams, parseScopeFilters, parseWindowParams } from "./_lib/query-params";

export const dynamic = "force-dynamic";

type ScopeRows = { ok: true; rows: FleetRow[] } | { ok: false; error: unknown };

/** One scope's rows; a scope that fails answers nothing this time and its health says why. */
async function rowsOf(scope: Scope, window: ResolvedWindow): Promise<ScopeRows> {
  try {
    // Express machines, and windows the index cannot answer, get their figures from CloudWatch metrics.
    const rows = await serviceRowsWithFigures(await scopeService(scope), scope.ctx, window);
    noteScopeArn(scope, rows[0]?.arn);
    return { ok: true, rows };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * GET /api/fleet?window=15m|1h|24h|7d|custom&from=&to=&q=&sort=&dir=&cursor=&limit=&source=…&region=… → FleetResponse
 *
 * Every selected scope's machines in one list, each row saying its scope; `sources` has every
 * selected scope's totals (healthy or not) and `totals` their sum.
 */
export function GET(request: Request): Promise<Response> {
  return respond(async (): Promise<FleetResponse> => {
    const first = sourceRegistry().scopes[0];
    const window = parseWindowParams(request, first.ctx.now());
    const query = parseFleetParams(request);
    const filters = parseScopeFilters(request);
    const scopes = selectScopes(filters.sources, filters.regions);
    const answers = await Promise.all(scopes.map((scope) => rowsOf(scope, window)));
    // Nothing answered at all: the failure itself is the answer (one source down is a 503, as before).
    const failed = answers.find((a): a is { ok: false; error: unknown } => !a.ok);
    if (failed && answers.every((a) => !a.ok)) throw failed.error;

    const rows: FleetRowWithSource[] = [];
    const sources: SourceTotals[] = [];
    scopes.forEach((scope, i) => {
      const answer = answers[i];
      const scopeInfo = toSourceScope(scope);
      const ref = { id: scope.id, name: scope.name, region: scope.region, accountId: scope.accountId, health: scopeInfo.health.state };
      // The name search over every page of this scope: the totals count what the rows show.
      const tagged: FleetRowWithSource[] = answer.ok ? answer.rows.map((row) => ({ ...row, source: ref })) : [];
      const matching = queryFleet(tagged, { ...query, offset: 0, limit: Number.MAX_SAFE_INTEGER }).rows as FleetRowWithSource[];
      rows.push(...matching);
      sources.push({ scope: scopeInfo, ...totalsOfRows(matching) });
    });
    const page = queryFleet(rows, query) as { rows: FleetRowWithSource[]; total: number; nextOffset?: number };
    return {
      source: scopeSourceInfo(first),
      window,
      rows: page.rows,
      total: page.total,
      nextCursor: page.nextOffset === undefined ? undefined : String(page.nextOffset),
      sources,
      totals: sumTotals(sources),
      fetchedAt: first.ctx.now(),
    };
  });
}
