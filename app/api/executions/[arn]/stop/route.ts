import { stopExecution, getSfnContext } from "@/lib/sfn";
import { actionsAllowed } from "@/lib/security/settings";
import { assertActionRequest } from "@/lib/security/action-guard";
import { parseArnSegment } from "../../../_lib/params";
import { respond } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/executions/{arn}/stop → { enabled }: whether the page may offer Stop. */
export function GET(): Promise<Response> {
  return respond(async () => ({ enabled: actionsAllowed() }));
}

/** POST /api/executions/{arn}/stop (JSON body, optional `cause`) → { done: "stop" }. Only with STEPSCOPE_ALLOW_ACTIONS=true. */
export function POST(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async () => {
    assertActionRequest(request);
    const arn = parseArnSegment((await params).arn, "execution");
    const body = (await request.json().catch(() => ({}))) as { cause?: unknown };
    const cause = typeof body?.cause === "string" && body.cause.trim() ? body.cause.slice(0, 1000) : "Stopped from Stepscope";
    await stopExecution(getSfnContext(), arn, cause);
    return { done: "stop" as const };
  });
}
