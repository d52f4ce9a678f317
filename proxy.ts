/**
 * Runs in front of every page and API call (Next 16's proxy, formerly middleware). When
 * STEPSCOPE_TOKEN is set, only requests carrying it get through: see lib/security/access.ts.
 * Static build assets are left out: they are the same public code for everyone.
 */
import { NextResponse, type NextRequest } from "next/server";
import { decideAccess, TOKEN_COOKIE } from "@/lib/security/access";
import { contentSecurityPolicy } from "@/lib/security/headers.cjs";

export function proxy(request: NextRequest): NextResponse {
  const url = request.nextUrl;
  const decision = decideAccess(
    {
      pathname: url.pathname,
      searchParams: url.searchParams,
      authorization: request.headers.get("authorization"),
      cookieToken: request.cookies.get(TOKEN_COOKIE)?.value,
      secure: url.protocol === "https:",
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
      if (decision.api) {
        return NextResponse.json(
          { error: { code: "UNAUTHORIZED", message: decision.message } },
          {
            status: 401,
            headers: { "cache-control": "no-store", "www-authenticate": 'Bearer realm="stepscope"', "content-security-policy": contentSecurityPolicy(false) },
          },
        );
      }
      return new NextResponse(tokenNeededPage(decision.message), {
        status: 401,
        headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": contentSecurityPolicy(false) },
      });
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

/** A plain page with no script and no user input in it (the message is one of ours). */
function tokenNeededPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Access token needed · Stepscope</title>
<style>body{font:15px/1.5 system-ui,sans-serif;background:#0f1419;color:#d9dee3;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:34rem;padding:2rem;border:1px solid #2a323c;border-radius:8px;background:#161c23}h1{font-size:1.2rem;margin:0 0 .5rem}code{background:#222a33;padding:.1rem .3rem;border-radius:4px}</style>
</head><body><main><h1>Access token needed</h1><p>${message.replace(/</g, "&lt;")}</p>
<p>Ask whoever runs this Stepscope for the link with <code>?token=</code>.</p></main></body></html>`;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
