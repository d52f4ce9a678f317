import { stopExecution } from "@/lib/sfn";
import { scopeOf } from "../../../_lib/scope";
import { actionAvailability, runExecutionAction } from "../../../_lib/execution-action";

export const dynamic = "force-dynamic";

/** GET /api/executions/{arn}/stop → { enabled }: whether the page may offer Stop. */
export function GET(): Promise<Response> {
  return actionAvailability();
}

/** POST /api/executions/{arn}/stop (JSON body, optional `cause`) → { done: "stop" }. Only with STEPSCOPE_ALLOW_ACTIONS=true. */
export function POST(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return runExecutionAction("stop", request, params, async (arn) => {
    const body = (await request.json().catch(() => ({}))) as { cause?: unknown };
    const cause = typeof body?.cause === "string" && body.cause.trim() ? body.cause.slice(0, 1000) : "Stopped from Stepscope";
    await stopExecution((await scopeOf(request, arn)).ctx, arn, cause);
  });
}
