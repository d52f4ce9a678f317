import { getHistoryAnswer } from "@/lib/sfn";
import { scopeOf } from "../../../_lib/scope";
import { getExpressHistorySince } from "@/lib/sfn/logs";
import { isExpressExecutionArn, parseAfter, parseArnSegment } from "../../../_lib/params";
import { respondStream } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/executions/{arn}/history?after={eventId} → HistoryResponse (events after that id). */
export function GET(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respondStream(async () => {
    const arn = parseArnSegment((await params).arn, "execution");
    const after = parseAfter(request);
    const { ctx } = await scopeOf(request, arn);
    // Express executions keep no history in Step Functions: their events are read from CloudWatch Logs.
    if (isExpressExecutionArn(arn)) return { json: await getExpressHistorySince(ctx, arn, after) };
    const answer = await getHistoryAnswer(ctx, arn, after);
    return answer.kind === "stream" ? answer : { json: answer.value };
  });
}
