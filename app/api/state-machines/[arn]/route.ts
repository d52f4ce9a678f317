import type { StateMachineResponse } from "@/lib/contract/api";
import { sourceInfo } from "@/lib/config/env";
import { describeStateMachine, getSfnContext } from "@/lib/sfn";
import { parseArnSegment } from "../../_lib/params";
import { respond } from "../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/state-machines/{arn} → StateMachineResponse (today's definition included). */
export function GET(_request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async (): Promise<StateMachineResponse> => {
    const arn = parseArnSegment((await params).arn, "stateMachine");
    return { source: sourceInfo(), stateMachine: await describeStateMachine(getSfnContext(), arn) };
  });
}
