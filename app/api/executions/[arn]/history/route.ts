import type { HistoryResponse } from "@/lib/contract/api";
import { getHistorySince, getSfnContext } from "@/lib/sfn";
import { getExpressHistorySince } from "@/lib/sfn/logs";
import { isExpressExecutionArn, parseAfter, parseArnSegment } from "../../../_lib/params";
import { respond } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/executions/{arn}/history?after={eventId} → HistoryResponse (events after that id). */
export function GET(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async (): Promise<HistoryResponse> => {
    const arn = parseArnSegment((await params).arn, "execution");
    const after = parseAfter(request);
    // Express executions keep no history in Step Functions: their events are read from CloudWatch Logs.
    if (isExpressExecutionArn(arn)) return getExpressHistorySince(getSfnContext(), arn, after);
    return getHistorySince(getSfnContext(), arn, after);
  });
}
