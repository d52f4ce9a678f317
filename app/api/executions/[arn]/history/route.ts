import { getHistoryAnswer, getSfnContext, SfnError } from "@/lib/sfn";
import { isExpressExecutionArn, parseAfter, parseArnSegment } from "../../../_lib/params";
import { respondStream } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/executions/{arn}/history?after={eventId} → HistoryResponse (events after that id). */
export function GET(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respondStream(async () => {
    const arn = parseArnSegment((await params).arn, "execution");
    const after = parseAfter(request);
    if (isExpressExecutionArn(arn)) {
      throw new SfnError("UNSUPPORTED", "Express executions have no history API; use CloudWatch Logs for Express state machines.");
    }
    const answer = await getHistoryAnswer(getSfnContext(), arn, after);
    return answer.kind === "stream" ? answer : { json: answer.value };
  });
}
