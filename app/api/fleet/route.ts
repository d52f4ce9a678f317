import type { FleetResponse } from "@/lib/contract/api";
import { sourceInfo } from "@/lib/config/env";
import { getSfnContext } from "@/lib/sfn";
import { queryFleet } from "@/lib/server/fleet";
import { fleetRowsWithFigures } from "@/lib/server/fleet-figures";
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
    const rows = await fleetRowsWithFigures(ctx, window);
    const page = queryFleet(rows, query);
    return {
      source: sourceInfo(),
      window,
      rows: page.rows,
      total: page.total,
      nextCursor: page.nextOffset === undefined ? undefined : String(page.nextOffset),
      fetchedAt: ctx.now(),
    };
  });
}
