import type { ExecutionsResponse } from "@/lib/contract/api";
import { DEFAULT_PAGE_LIMIT, listExecutions, SfnError } from "@/lib/sfn";
import { isIndexCursor } from "@/lib/server/fleet";
import { scopeFleetIndex } from "@/lib/server/sources/scope-fleet";
import { scopeOf } from "../../../_lib/scope";
import { expressMachine, listExpressExecutions } from "@/lib/sfn/logs";
import { parseArnSegment, parseExecutionsQuery } from "../../../_lib/params";
import { respond } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

/**
 * GET /api/state-machines/{arn}/executions?status=&from=&to=&name=&cursor=&limit= → ExecutionsResponse
 *
 * Served from the execution index when it holds the whole range (the same executions the
 * charts count, every page filled); otherwise listed from Step Functions and filtered here.
 */
export function GET(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async (): Promise<ExecutionsResponse> => {
    const stateMachineArn = parseArnSegment((await params).arn, "stateMachine");
    const query = parseExecutionsQuery(request);
    const scope = await scopeOf(request, stateMachineArn);
    const ctx = scope.ctx;
    // Step Functions does not list Express executions: they come from the machine's CloudWatch Logs.
    const express = await expressMachine(ctx, stateMachineArn);
    if (express) return listExpressExecutions(ctx, express, query);
    const indexCursor = query.cursor !== undefined && isIndexCursor(query.cursor);
    if (query.cursor === undefined || indexCursor) {
      const page = await (await scopeFleetIndex(scope)).listExecutions(ctx, stateMachineArn, { ...query, limit: query.limit ?? DEFAULT_PAGE_LIMIT });
      if (page) return page;
      if (indexCursor) throw new SfnError("BAD_REQUEST", "This list changed while it was read; start from the first page.");
    }
    return listExecutions(ctx, { target: { stateMachineArn }, ...query });
  });
}
