import type { StateMachineResponse } from "@/lib/contract/api";
import { describeStateMachine } from "@/lib/sfn";
import { scopeSourceInfo } from "@/lib/server/sources/registry";
import { scopeOf } from "../../_lib/scope";
import { parseArnSegment } from "../../_lib/params";
import { respond } from "../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/state-machines/{arn} → StateMachineResponse (today's definition included). */
export function GET(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async (): Promise<StateMachineResponse> => {
    const arn = parseArnSegment((await params).arn, "stateMachine");
    const scope = await scopeOf(request, arn);
    return { source: scopeSourceInfo(scope), stateMachine: await describeStateMachine(scope.ctx, arn) };
  });
}
