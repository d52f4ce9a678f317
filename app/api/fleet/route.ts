import type { FleetResponse, SourceScope } from "@/lib/contract/api";
import { totalsOfRows } from "@/lib/server/sources/fleet-totals";
import { sourceInfo } from "@/lib/config/env";
import { getSfnContext } from "@/lib/sfn";
import { withMetricFigures } from "@/lib/sfn/cloudwatch";
import { queryFleet } from "@/lib/server/fleet";
import { appFleetIndex } from "@/lib/server/fleet-service";
import { respond } from "../_lib/respond";
import { parseFleetParams, parseWindowParams } from "./_lib/query-params";

export const dynamic = "force-dynamic";

/** GET /api/fleet?window=15m|1h|24h|7d|custom&from=&to=&q=&sort=&dir=&cursor=&limit= → FleetResponse */
export function GET(request: Request): Promise<Response> {
  return respond(async (): Promise<FleetResponse> => {
    const ctx = getSfnContext();
    const window = parseWindowParams(request, ctx.now());
    const query = parseFleetParams(request);
    // Express machines, and windows the index cannot answer, get their figures from CloudWatch metrics.
    const fleet = await appFleetIndex(ctx);
    const rows = await withMetricFigures(ctx, await fleet.fleetRows(ctx, window), window, fleet.limits.horizonMs);
    const page = queryFleet(rows, query);
    const info = sourceInfo();
    const scope: SourceScope = { id: `${info.kind}:${info.region}`, name: info.kind, region: info.region, accountId: info.accountId, kind: info.kind, label: info.label, endpoint: info.endpoint, health: { state: "ok" } };
    const ref = { id: scope.id, name: scope.name, region: scope.region, accountId: scope.accountId, health: scope.health.state };
    const totals = totalsOfRows(rows);
    return {
      source: info,
      window,
      rows: page.rows.map((row) => ({ ...row, source: ref })),
      sources: [{ scope, ...totals }],
      totals,
      total: page.total,
      nextCursor: page.nextOffset === undefined ? undefined : String(page.nextOffset),
      fetchedAt: ctx.now(),
    };
  });
}
