import type { MapRunSummary } from "@/lib/contract/api";
import { listMapRuns } from "@/lib/sfn";
import { scopeOf } from "../../../_lib/scope";
import { parseArnSegment } from "../../../_lib/params";
import { respond } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/executions/{arn}/map-runs → { mapRuns } (the distributed Map runs of an execution). */
export function GET(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async (): Promise<{ mapRuns: MapRunSummary[] }> => {
    const arn = parseArnSegment((await params).arn, "execution");
    return { mapRuns: await listMapRuns((await scopeOf(request, arn)).ctx, arn) };
  });
}
