/**
 * Stop and Redrive change an execution, so they pass the same gate: the GET tells the page
 * whether to offer the button at all, and the POST is refused unless actions are switched on
 * and the request is a same-origin JSON call. Keeping both behind one helper means a new
 * action cannot forget a step of the gate.
 */
import { assertActionRequest } from "@/lib/security/action-guard";
import { actionsAllowed } from "@/lib/security/settings";
import { parseArnSegment } from "./params";
import { respond } from "./respond";

export function actionAvailability(): Promise<Response> {
  return respond(async () => ({ enabled: actionsAllowed() }));
}

/** Guards the request, validates the execution ARN, then runs `act` and answers `{ done }`. */
export function runExecutionAction<Done extends string>(
  done: Done,
  request: Request,
  params: Promise<{ arn: string }>,
  act: (arn: string) => Promise<unknown>,
): Promise<Response> {
  return respond(async () => {
    assertActionRequest(request);
    const arn = parseArnSegment((await params).arn, "execution");
    await act(arn);
    return { done };
  });
}
