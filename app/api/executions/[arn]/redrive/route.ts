import { redriveExecution, getSfnContext } from "@/lib/sfn";
import { actionsAllowed } from "@/lib/security/settings";
import { assertActionRequest } from "@/lib/security/action-guard";
import { parseArnSegment } from "../../../_lib/params";
import { respond } from "../../../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/executions/{arn}/redrive → { enabled }: whether the page may offer Redrive. */
export function GET(): Promise<Response> {
  return respond(async () => ({ enabled: actionsAllowed() }));
}

/** POST /api/executions/{arn}/redrive (JSON body) → { done: "redrive" }. Only with STEPSCOPE_ALLOW_ACTIONS=true. */
export function POST(request: Request, { params }: { params: Promise<{ arn: string }> }): Promise<Response> {
  return respond(async () => {
    assertActionRequest(request);
    const arn = parseArnSegment((await params).arn, "execution");
    await redriveExecution(getSfnContext(), arn);
    return { done: "redrive" as const };
  });
}
