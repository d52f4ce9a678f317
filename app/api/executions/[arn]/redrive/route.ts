import { redriveExecution } from "@/lib/sfn";
import { scopeOf } from "../../../_lib/scope";
import { actionAvailability, runExecutionAction } from "../../../_lib/execution-action";

export const dynamic = "force-dynamic";

/** GET /api/executions/{arn}/redrive → { enabled }: whether the page may offer Redrive. */
export function GET(): Promise<Response> {
  return actionAvailability();
}

/** POST /api/executions/{arn}/redrive (JSON body) → { done: "redrive" }. Only with STEPSCOPE_ALLOW_ACTIONS=true. */
export function POST(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return runExecutionAction("redrive", request, params, async (arn) => redriveExecution((await scopeOf(request, arn)).ctx, arn));
}
