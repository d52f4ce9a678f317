/**
 * The checks an action route (Stop, Redrive) makes before anything is sent, on every call:
 * actions must be enabled now, and the request must come from our own pages — a JSON body
 * (which a cross-site form cannot send without a CORS preflight we never grant) and, when the
 * browser names an Origin, exactly our own: scheme, host and port (lib/security/host-policy.ts
 * says which host is ours, and when a proxy's X-Forwarded-* headers count).
 */
import { SfnError } from "@/lib/sfn/errors";
import { isSameOrigin, parseHostPolicy, resolveRequestOrigin } from "./host-policy";
import { actionsAllowed } from "./settings";

const FOREIGN = "Actions are only accepted from Stepscope's own pages.";

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
  const url = new URL(request.url);
  const resolved = resolveRequestOrigin(
    parseHostPolicy(env),
    {
      host: request.headers.get("host") ?? url.host,
      forwardedHost: request.headers.get("x-forwarded-host"),
      forwardedProto: request.headers.get("x-forwarded-proto"),
    },
    url.protocol === "https:" ? "https" : "http",
  );
  if (!resolved.ok) throw new SfnError("ACCESS_DENIED", FOREIGN);
  const origin = request.headers.get("origin");
  if (origin !== null && !isSameOrigin(origin, resolved.origin)) throw new SfnError("ACCESS_DENIED", FOREIGN);
}
