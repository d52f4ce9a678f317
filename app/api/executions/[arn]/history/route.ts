import { getHistoryAnswer, getSfnContext } from "@/lib/sfn";
import { getExpressHistorySince } from "@/lib/sfn/logs";
import { isExpressExecutionArn, parseAfter, parseArnSegment } from "../../../_lib/params";
import { respondStream } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/executions/{arn}/history?after={eventId} → HistoryResponse (events after that id). */
export function GET(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respondStream(async () => {
    const arn = parseArnSegment((await params).arn, "execution");
    const after = parseAfter(request);
    // Express executions keep no history in Step Functions: their events are read from CloudWatch Logs.
    if (isExpressExecutionArn(arn)) return { json: await getExpressHistorySince(getSfnContext(), arn, after) };
    const answer = await getHistoryAnswer(getSfnContext(), arn, after);
    return answer.kind === "stream" ? answer : { json: answer.value };
  });
}
