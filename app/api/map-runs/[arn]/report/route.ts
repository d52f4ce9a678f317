import type { MapRunReport } from "@/lib/contract/api";
import { mapRunReport } from "@/lib/server/map-run-report";
import { scopeSourceInfo } from "@/lib/server/sources/registry";
import { scopeOf } from "../../../_lib/scope";
import { parseArnSegment } from "../../../_lib/params";
import { respond } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

/**
 * GET /api/map-runs/{arn}/report → MapRunReport: DescribeMapRun, the child executions, their
 * failures with error and cause, and each processor state's outcome over a bounded sample of
 * child histories (failed ones first; `histories` says how many of how many were read).
 */
export function GET(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async (): Promise<MapRunReport> => {
    const arn = parseArnSegment((await params).arn, "mapRun");
    const scope = await scopeOf(request, arn);
    return { ...(await mapRunReport(scope.ctx, arn)), source: scopeSourceInfo(scope) };
  });
}
