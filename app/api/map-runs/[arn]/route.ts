import type { MapRunResponse } from "@/lib/contract/api";
import { describeMapRun } from "@/lib/sfn";
import { scopeSourceInfo } from "@/lib/server/sources/registry";
import { scopeOf } from "../../_lib/scope";
import { parseArnSegment } from "../../_lib/params";
import { respond } from "../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/map-runs/{arn} → MapRunResponse (item and execution counts). */
export function GET(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async (): Promise<MapRunResponse> => {
    const arn = parseArnSegment((await params).arn, "mapRun");
    const scope = await scopeOf(request, arn);
    return { source: scopeSourceInfo(scope), mapRun: await describeMapRun(scope.ctx, arn) };
  });
}
