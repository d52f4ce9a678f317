/**
 * The checks an action route (Stop, Redrive) makes before anything is sent, on every call:
 * actions must be enabled now, and the request must come from our own pages — a JSON body
 * (which a cross-site form cannot send without a CORS preflight we never grant) and, when the
 * browser names an Origin, our own.
 */
import { SfnError } from "@/lib/sfn/errors";
import { actionsAllowed } from "./settings";

export function assertActionRequest(request: Request, env: Record<string, string | undefined> = process.env): void {
  if (!actionsAllowed(env)) {
    throw new SfnError(
      "ACCESS_DENIED",
      "Stepscope is read-only: Stop and Redrive are disabled unless the server is started with STEPSCOPE_ALLOW_ACTIONS=true.",
    );
  }
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(contentType)) {
    throw new SfnError("BAD_REQUEST", "Actions must be posted as JSON (content-type: application/json).");
  }
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  if (origin !== null && origin !== "null") {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost !== host) throw new SfnError("ACCESS_DENIED", "Actions are only accepted from Stepscope's own pages.");
  }
  if (origin === "null") throw new SfnError("ACCESS_DENIED", "Actions are only accepted from Stepscope's own pages.");
}
