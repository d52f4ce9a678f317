import { describe, expect, it } from "vitest";
import { ConfigError } from "@/lib/config/env";
import { isSameOrigin, parseHostPolicy, resolveRequestOrigin } from "@/lib/security/host-policy";
import { gateRequest } from "@/lib/security/request-gate";
import { displayEndpoint } from "@/lib/security/endpoint-display";

const headers = (host: string | null, forwardedHost: string | null = null, forwardedProto: string | null = null) => ({ host, forwardedHost, forwardedProto });
const ok = (env: Record<string, string>, h: ReturnType<typeof headers>) => resolveRequestOrigin(parseHostPolicy(env), h, "http").ok;

describe("which host Stepscope answers for", () => {
  it("serves loopback names and the bind address, and refuses any other name (DNS rebinding)", () => {
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "LOCALHOST", "127.0.0.1"]) expect(ok({}, headers(host)), host).toBe(true);
    for (const host of ["attacker.example:3000", "127.0.0.1.attacker.example", "localhost.attacker.example", "", "10.0.0.5:3000"]) {
      expect(ok({}, headers(host)), host).toBe(false);
    }
    expect(ok({}, headers(null))).toBe(false);
    expect(ok({ STEPSCOPE_HOST: "10.0.0.5" }, headers("10.0.0.5:3000"))).toBe(true);
    // A wildcard bind is not a name anyone asks for.
    expect(ok({ STEPSCOPE_HOST: "0.0.0.0" }, headers("0.0.0.0:3000"))).toBe(false);
  });

  it("serves the names in STEPSCOPE_ALLOWED_HOSTS, with their port when one is given", () => {
    const env = { STEPSCOPE_ALLOWED_HOSTS: "stepscope.internal, ops.example.com:8443" };
    expect(ok(env, headers("Stepscope.Internal:3000"))).toBe(true);
    expect(ok(env, headers("ops.example.com:8443"))).toBe(true);
    expect(ok(env, headers("ops.example.com:9000"))).toBe(false);
  });

  it("ignores X-Forwarded-Host unless the request comes through the named proxy, and then checks it too", () => {
    // A rebinding page can send X-Forwarded-Host itself: without a named proxy it changes nothing.
    expect(ok({}, headers("attacker.example:3000", "localhost:3000"))).toBe(false);
    const env = { STEPSCOPE_TRUSTED_PROXY: "127.0.0.1:3000", STEPSCOPE_ALLOWED_HOSTS: "stepscope.example.com" };
    const through = resolveRequestOrigin(parseHostPolicy(env), headers("127.0.0.1:3000", "stepscope.example.com", "https"), "http");
    expect(through).toEqual({ ok: true, origin: { scheme: "https", hostname: "stepscope.example.com", port: "443" } });
    expect(ok(env, headers("127.0.0.1:3000", "attacker.example"))).toBe(false);
    // Not through the proxy: the forwarded headers are not read.
    const direct = resolveRequestOrigin(parseHostPolicy(env), headers("localhost:3000", "stepscope.example.com", "https"), "http");
    expect(direct).toEqual({ ok: true, origin: { scheme: "http", hostname: "localhost", port: "3000" } });
  });

  it("refuses malformed settings at start-up, naming the entry", () => {
    expect(() => parseHostPolicy({ STEPSCOPE_ALLOWED_HOSTS: "ok.example, http://bad/" })).toThrow(ConfigError);
    expect(() => parseHostPolicy({ STEPSCOPE_ALLOWED_HOSTS: "http://bad/" })).toThrow(/STEPSCOPE_ALLOWED_HOSTS: "http:\/\/bad\/"/);
    expect(() => parseHostPolicy({ STEPSCOPE_TRUSTED_PROXY: "a b" })).toThrow(/STEPSCOPE_TRUSTED_PROXY: "a b"/);
  });
});

describe("same origin", () => {
  const origin = { scheme: "http" as const, hostname: "127.0.0.1", port: "3000" };
  it("compares scheme, host and port", () => {
    expect(isSameOrigin("http://127.0.0.1:3000", origin)).toBe(true);
    expect(isSameOrigin("https://127.0.0.1:3000", origin)).toBe(false);
    expect(isSameOrigin("http://127.0.0.1:3001", origin)).toBe(false);
    expect(isSameOrigin("http://localhost:3000", origin)).toBe(false);
    expect(isSameOrigin("null", origin)).toBe(false);
    expect(isSameOrigin("https://stepscope.example.com", { scheme: "https", hostname: "stepscope.example.com", port: "443" })).toBe(true);
  });
});

describe("request gate", () => {
  const policy = parseHostPolicy({});
  const gate = (method: string, rawPath: string, host = "127.0.0.1:3000") => gateRequest({ method, rawPath, headers: headers(host), scheme: "http" }, policy);

  it("refuses a foreign host before anything else, then bad encoding, then methods we do not answer", () => {
    expect(gate("GET", "/api/source", "evil.example")).toMatchObject({ kind: "refuse", status: 403, code: "ACCESS_DENIED" });
    expect(gate("GET", "/api/executions/%E0%A4%A")).toMatchObject({ kind: "refuse", status: 400, code: "BAD_REQUEST" });
    expect(gate("TRACE", "/")).toMatchObject({ kind: "refuse", status: 405, allow: "GET, HEAD" });
    for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT"]) expect(gate(method, "/api/source"), method).toMatchObject({ status: 405 });
    expect(gate("POST", "/api/source")).toMatchObject({ status: 405 });
    expect(gate("POST", "/api/executions/arn%3Aaws/stop")).toMatchObject({ kind: "pass" });
    expect(gate("GET", "/executions/arn%3Aaws%3Astates")).toMatchObject({ kind: "pass" });
  });
});

describe("endpoint shown", () => {
  it("never carries credentials or a query", () => {
    expect(displayEndpoint("http://user:s3cret@127.0.0.1:8083")).toBe("http://127.0.0.1:8083");
    expect(displayEndpoint("https://emu.example/sfn?token=abc#x")).toBe("https://emu.example/sfn");
    expect(displayEndpoint("not a url s3cret")).not.toContain("s3cret");
  });
});
