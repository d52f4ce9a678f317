import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "@/lib/security/constant-time";
import { decideAccess, TOKEN_COOKIE, type AccessRequest } from "@/lib/security/access";

function request(path: string, extra: Partial<AccessRequest> = {}): AccessRequest {
  const url = new URL(`http://stepscope.test${path}`);
  return { pathname: url.pathname, searchParams: url.searchParams, authorization: null, cookieToken: undefined, secure: false, ...extra };
}

const TOKEN = "correct-horse-battery";

describe("constant-time comparison", () => {
  it("says equal only for the same string", () => {
    expect(constantTimeEqual(TOKEN, TOKEN)).toBe(true);
    expect(constantTimeEqual("", TOKEN)).toBe(false);
    expect(constantTimeEqual(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(constantTimeEqual(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(constantTimeEqual("correct-horse-batterz", TOKEN)).toBe(false);
    expect(constantTimeEqual("ü", "ü")).toBe(true);
  });
});

describe("access with STEPSCOPE_TOKEN", () => {
  it("lets everything through when no token is configured", () => {
    expect(decideAccess(request("/api/source"), undefined)).toEqual({ kind: "allow" });
    expect(decideAccess(request("/"), "")).toEqual({ kind: "allow" });
  });

  it("answers the API with a JSON-worthy denial and pages with a page", () => {
    expect(decideAccess(request("/api/source"), TOKEN)).toMatchObject({ kind: "deny", api: true, message: expect.stringContaining("Bearer") });
    expect(decideAccess(request("/executions/x"), TOKEN)).toMatchObject({ kind: "deny", api: false });
  });

  it("accepts the bearer header and the cookie, and refuses a wrong one", () => {
    expect(decideAccess(request("/api/source", { authorization: `Bearer ${TOKEN}` }), TOKEN)).toEqual({ kind: "allow" });
    expect(decideAccess(request("/", { cookieToken: TOKEN }), TOKEN)).toEqual({ kind: "allow" });
    expect(decideAccess(request("/api/source", { authorization: "Bearer nope" }), TOKEN)).toMatchObject({ kind: "deny", message: expect.stringContaining("not the one") });
    expect(decideAccess(request("/", { cookieToken: "nope" }), TOKEN)).toMatchObject({ kind: "deny" });
  });

  it("?token= sets an HttpOnly SameSite=Strict cookie and redirects to the same URL without it", () => {
    const decision = decideAccess(request(`/executions/abc?state=Charge&token=${TOKEN}`), TOKEN);
    expect(decision).toMatchObject({ kind: "redirect", location: "/executions/abc?state=Charge" });
    if (decision.kind !== "redirect") throw new Error("expected a redirect");
    expect(decision.setCookie).toContain(`${TOKEN_COOKIE}=`);
    expect(decision.setCookie).toMatch(/HttpOnly/);
    expect(decision.setCookie).toMatch(/SameSite=Strict/);
    expect(decision.setCookie).not.toMatch(/Secure/);
    const secure = decideAccess(request(`/?token=${TOKEN}`, { secure: true }), TOKEN);
    expect(secure.kind === "redirect" && secure.setCookie).toMatch(/Secure/);
  });

  it("a wrong ?token= sets nothing", () => {
    expect(decideAccess(request("/?token=guess"), TOKEN)).toMatchObject({ kind: "deny", api: false });
  });
});
