import type { ExecutionResponse } from "@/lib/contract/api";
import { getExecutionDetail } from "@/lib/sfn";
import { scopeSourceInfo } from "@/lib/server/sources/registry";
import { scopeOf } from "../../_lib/scope";
import { getExpressExecutionDetail } from "@/lib/sfn/logs";
import { isExpressExecutionArn, parseArnSegment } from "../../_lib/params";
import { respond } from "../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/executions/{arn} → ExecutionResponse (description + the definition it ran). */
export function GET(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async (): Promise<ExecutionResponse> => {
    const arn = parseArnSegment((await params).arn, "execution");
    const scope = await scopeOf(request, arn);
    const ctx = scope.ctx;
    const execution = isExpressExecutionArn(arn) ? await getExpressExecutionDetail(ctx, arn) : await getExecutionDetail(ctx, arn);
    return { source: scopeSourceInfo(scope), execution };
  });
}
