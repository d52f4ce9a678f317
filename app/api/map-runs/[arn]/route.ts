import type { MapRunResponse } from "@/lib/contract/api";
import { sourceInfo } from "@/lib/config/env";
import { describeMapRun, getSfnContext } from "@/lib/sfn";
import { parseArnSegment } from "../../_lib/params";
import { respond } from "../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/map-runs/{arn} → MapRunResponse (item and execution counts). */
export function GET(_request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async (): Promise<MapRunResponse> => {
    const arn = parseArnSegment((await params).arn, "mapRun");
    return { source: sourceInfo(), mapRun: await describeMapRun(getSfnContext(), arn) };
  });
}
