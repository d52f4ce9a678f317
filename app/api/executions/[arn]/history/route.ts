import type { HistoryResponse } from "@/lib/contract/api";
import { getHistorySince, getSfnContext, SfnError } from "@/lib/sfn";
import { isExpressExecutionArn, parseAfter, parseArnSegment } from "../../../_lib/params";
import { respond } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/executions/{arn}/history?after={eventId} → HistoryResponse (events after that id). */
export function GET(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async (): Promise<HistoryResponse> => {
    const arn = parseArnSegment((await params).arn, "execution");
    const after = parseAfter(request);
    if (isExpressExecutionArn(arn)) {
      throw new SfnError("UNSUPPORTED", "Express executions have no history API; use CloudWatch Logs for Express state machines.");
    }
    return getHistorySince(getSfnContext(), arn, after);
  });
}
