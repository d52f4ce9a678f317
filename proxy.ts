/**
 * Runs in front of every page and API call (Next 16's proxy, formerly middleware), in this
 * order: the request gate (our own host names only — DNS rebinding —, a validly encoded path, a
 * method we answer: lib/security/request-gate.ts), then the access token when STEPSCOPE_TOKEN is
 * set (lib/security/access.ts), then the CSP with a fresh nonce for pages. Refusals are the API's
 * JSON error contract, or a plain HTML page for pages, with the security headers.
 * Static build assets are left out: they are the same public code for everyone.
 */
import { NextResponse, type NextRequest } from "next/server";
import { decideAccess, isApiPath, TOKEN_COOKIE } from "@/lib/security/access";
import { apiErrorResponse, htmlErrorResponse } from "@/lib/security/error-response";
import { contentSecurityPolicy } from "@/lib/security/headers.cjs";
import { parseHostPolicy, type HostPolicy } from "@/lib/security/host-policy";
import { gateRequest } from "@/lib/security/request-gate";

let policy: { env: string; value: HostPolicy } | undefined;

/** Parsed once per distinct setting (start-up already refused a bad one: see instrumentation.ts). */
function hostPolicy(): HostPolicy {
  const env = [process.env.STEPSCOPE_HOST, process.env.STEPSCOPE_ALLOWED_HOSTS, process.env.STEPSCOPE_TRUSTED_PROXY].join("\n");
  if (policy?.env !== env) policy = { env, value: parseHostPolicy(process.env) };
  return policy.value;
}

/** The path exactly as the client sent it (NextURL keeps percent-encoding). */
function rawPath(request: NextRequest): string {
  return request.nextUrl.pathname;
}

export function proxy(request: NextRequest): Response {
  const url = request.nextUrl;
  const api = isApiPath(url.pathname);
  const gate = gateRequest(
    {
      method: request.method,
      rawPath: rawPath(request),
      headers: {
        host: request.headers.get("host"),
        forwardedHost: request.headers.get("x-forwarded-host"),
        forwardedProto: request.headers.get("x-forwarded-proto"),
      },
      scheme: url.protocol === "https:" ? "https" : "http",
    },
    hostPolicy(),
  );
  if (gate.kind === "refuse") {
    const extra: Record<string, string> = gate.allow ? { allow: gate.allow } : {};
    if (api) return apiErrorResponse(gate.code, gate.message, gate.status, extra);
    const title = gate.status === 403 ? "Not served for this host" : gate.status === 405 ? "Method not allowed" : "Bad request";
    return htmlErrorResponse(title, gate.message, gate.status, extra);
  }

  const decision = decideAccess(
    {
      pathname: url.pathname,
      searchParams: url.searchParams,
      authorization: request.headers.get("authorization"),
      cookieToken: request.cookies.get(TOKEN_COOKIE)?.value,
      secure: gate.origin.scheme === "https",
    },
    process.env.STEPSCOPE_TOKEN,
  );
  switch (decision.kind) {
    case "allow":
      return withContentSecurityPolicy(request);
    case "redirect": {
      const target = new URL(decision.location, request.url);
      const response = NextResponse.redirect(target, 303);
      response.headers.set("set-cookie", decision.setCookie);
      response.headers.set("cache-control", "no-store");
      return response;
    }
    case "deny":
      if (decision.api) return apiErrorResponse("UNAUTHORIZED", decision.message, 401, { "www-authenticate": 'Bearer realm="stepscope"' });
      return htmlErrorResponse("Access token needed", decision.message, 401, {}, "<p>Ask whoever runs this Stepscope for the link with <code>?token=</code>.</p>");
  }
}

/**
 * Every response gets a CSP; a page's carries a fresh nonce, passed to Next.js in the request's
 * own CSP header so that it puts the nonce on the inline scripts it renders (pages are
 * rendered per request for this: see app/layout.tsx).
 */
function withContentSecurityPolicy(request: NextRequest): NextResponse {
  const dev = process.env.NODE_ENV === "development";
  if (request.nextUrl.pathname.startsWith("/api/")) {
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", contentSecurityPolicy(dev));
    return response;
  }
  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(dev, nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
