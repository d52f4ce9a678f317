import type { StateMachinesResponse } from "@/lib/contract/api";
import { sourceInfo } from "@/lib/config/env";
import { getSfnContext, listStateMachines, listStateMachinesWithCounts } from "@/lib/sfn";
import { parseCountsWindow } from "../_lib/params";
import { respond } from "../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/state-machines[?counts=24h] → StateMachinesResponse */
export function GET(request: Request): Promise<Response> {
  return respond(async (): Promise<StateMachinesResponse> => {
    const windowMs = parseCountsWindow(request);
    const ctx = getSfnContext();
    const stateMachines = windowMs === undefined ? await listStateMachines(ctx) : await listStateMachinesWithCounts(ctx, windowMs);
    return { source: sourceInfo(), stateMachines, fetchedAt: ctx.now() };
  });
}
