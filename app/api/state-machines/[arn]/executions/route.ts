import type { ExecutionsResponse } from "@/lib/contract/api";
import { getSfnContext, listExecutions } from "@/lib/sfn";
import { expressMachine, listExpressExecutions } from "@/lib/sfn/logs";
import { parseArnSegment, parseExecutionsQuery } from "../../../_lib/params";
import { respond } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/state-machines/{arn}/executions?status=&from=&to=&cursor=&limit= → ExecutionsResponse */
export function GET(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async (): Promise<ExecutionsResponse> => {
    const stateMachineArn = parseArnSegment((await params).arn, "stateMachine");
    const query = parseExecutionsQuery(request);
    const ctx = getSfnContext();
    // Step Functions does not list Express executions: they come from the machine's CloudWatch Logs.
    const express = await expressMachine(ctx, stateMachineArn);
    if (express) return listExpressExecutions(ctx, express, query);
    return listExecutions(ctx, { target: { stateMachineArn }, ...query });
  });
}
