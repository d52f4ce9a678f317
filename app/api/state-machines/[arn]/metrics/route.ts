import type { MachineMetricsResponse } from "@/lib/contract/api";
import { describeStateMachine } from "@/lib/sfn";
import { serviceMachineMetrics } from "@/lib/server/fleet-figures";
import { DEFAULT_FLEET_LIMITS } from "@/lib/server/fleet";
import { scopeService } from "@/lib/server/sources/registry";
import { scopeFleetIndex } from "@/lib/server/sources/scope-fleet";
import { scopeOf } from "../../../_lib/scope";
import { parseArnSegment } from "../../../_lib/params";
import { respond } from "../../../_lib/respond";
import { parseWindowParams } from "../../../fleet/_lib/query-params";

export const dynamic = "force-dynamic";

/** GET /api/state-machines/{arn}/metrics?window=15m|1h|24h|7d|custom&from=&to= → MachineMetricsResponse */
export function GET(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async (): Promise<MachineMetricsResponse> => {
    const arn = parseArnSegment((await params).arn, "stateMachine");
    const scope = await scopeOf(request, arn);
    const ctx = scope.ctx;
    const window = parseWindowParams(request, ctx.now());
    const machine = await describeStateMachine(ctx, arn);
    // Express machines, and windows older than the index keeps, are answered from CloudWatch metrics.
    if (machine.type === "EXPRESS" || window.from < ctx.now() - DEFAULT_FLEET_LIMITS.horizonMs) {
      return serviceMachineMetrics(await scopeService(scope), ctx, arn, window);
    }
    return (await scopeFleetIndex(scope)).machineMetrics(ctx, machine, window);
  });
}
