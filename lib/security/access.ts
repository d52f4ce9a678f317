/**
 * Who may see Stepscope when `STEPSCOPE_TOKEN` is set: a request carries the token as
 * `Authorization: Bearer …`, in the session cookie, or once as `?token=…` (a link to share),
 * which sets the cookie and redirects to the same URL without the token so it does not stay
 * in the address bar, the history or a Referer. Pure: the proxy turns the decision into a response.
 */
import { constantTimeEqual } from "./constant-time";

export const TOKEN_COOKIE = "stepscope_token";
export const TOKEN_QUERY = "token";

export interface AccessRequest {
  /** Path and query as received, e.g. `/executions/abc?token=s3cret`. */
  pathname: string;
  searchParams: URLSearchParams;
  authorization: string | null;
  cookieToken: string | undefined;
  /** Whether the request came over https (the cookie is then marked Secure). */
  secure: boolean;
}

export type AccessDecision =
  | { kind: "allow" }
  | { kind: "redirect"; location: string; setCookie: string }
  | { kind: "deny"; api: boolean; message: string };

function bearer(authorization: string | null): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? "");
  return m ? m[1].trim() : undefined;
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

export function tokenCookie(token: string, secure: boolean): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
}

/** `expected` undefined or empty: no token configured, everything is allowed. */
export function decideAccess(request: AccessRequest, expected: string | undefined): AccessDecision {
  if (!expected) return { kind: "allow" };
  const api = isApiPath(request.pathname);
  const fromQuery = request.searchParams.get(TOKEN_QUERY);
  if (fromQuery !== null && constantTimeEqual(fromQuery, expected)) {
    const rest = new URLSearchParams(request.searchParams);
    rest.delete(TOKEN_QUERY);
    const query = rest.toString();
    return { kind: "redirect", location: `${request.pathname}${query ? `?${query}` : ""}`, setCookie: tokenCookie(expected, request.secure) };
  }
  const presented = bearer(request.authorization) ?? request.cookieToken;
  if (presented !== undefined && constantTimeEqual(presented, expected)) return { kind: "allow" };
  const message =
    presented === undefined && fromQuery === null
      ? "This Stepscope requires an access token: send Authorization: Bearer <token>, or open any page once with ?token=<token>."
      : "The access token given is not the one this Stepscope expects.";
  return { kind: "deny", api, message };
}
