import type { ExecutionResponse } from "@/lib/contract/api";
import { sourceInfo } from "@/lib/config/env";
import { getExecutionDetail, getSfnContext } from "@/lib/sfn";
import { getExpressExecutionDetail } from "@/lib/sfn/logs";
import { isExpressExecutionArn, parseArnSegment } from "../../_lib/params";
import { respond } from "../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/executions/{arn} → ExecutionResponse (description + the definition it ran). */
export function GET(_request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async (): Promise<ExecutionResponse> => {
    const arn = parseArnSegment((await params).arn, "execution");
    const ctx = getSfnContext();
    const execution = isExpressExecutionArn(arn) ? await getExpressExecutionDetail(ctx, arn) : await getExecutionDetail(ctx, arn);
    return { source: sourceInfo(), execution };
  });
}
