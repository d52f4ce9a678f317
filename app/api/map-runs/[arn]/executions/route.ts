import type { ExecutionsResponse } from "@/lib/contract/api";
import { listExecutions } from "@/lib/sfn";
import { scopeOf } from "../../../_lib/scope";
import { parseArnSegment, parseExecutionsQuery } from "../../../_lib/params";
import { respond } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/map-runs/{arn}/executions?status=&from=&to=&cursor=&limit= → the map run's child executions. */
export function GET(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async (): Promise<ExecutionsResponse> => {
    const mapRunArn = parseArnSegment((await params).arn, "mapRun");
    const query = parseExecutionsQuery(request);
    return listExecutions((await scopeOf(request, mapRunArn)).ctx, { target: { mapRunArn }, ...query });
  });
}
