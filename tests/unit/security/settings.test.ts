import { describe, expect, it } from "vitest";
import { ConfigError } from "@/lib/config/env";
import { actionsAllowed, parseSecuritySettings } from "@/lib/security/settings";
import { assertActionRequest } from "@/lib/security/action-guard";
import { SfnError } from "@/lib/sfn/errors";

describe("security settings", () => {
  it("is read-only unless actions are enabled with exactly true", () => {
    expect(parseSecuritySettings({}).allowActions).toBe(false);
    expect(parseSecuritySettings({ STEPSCOPE_ALLOW_ACTIONS: "false" }).allowActions).toBe(false);
    expect(parseSecuritySettings({ STEPSCOPE_ALLOW_ACTIONS: "true" }).allowActions).toBe(true);
    expect(actionsAllowed({ STEPSCOPE_ALLOW_ACTIONS: "1" })).toBe(false);
    expect(() => parseSecuritySettings({ STEPSCOPE_ALLOW_ACTIONS: "yes" })).toThrow(ConfigError);
  });

  it("a bad redaction path stops start-up with the variable named", () => {
    expect(() => parseSecuritySettings({ STEPSCOPE_REDACT_PATHS: "$.ok,card" })).toThrow(/STEPSCOPE_REDACT_PATHS.*"card"/);
    expect(parseSecuritySettings({ STEPSCOPE_REDACT_PATHS: "$.a,$..b" }).redactPaths).toHaveLength(2);
  });
});

describe("action requests", () => {
  const post = (headers: Record<string, string>) =>
    new Request("http://127.0.0.1:4000/api/executions/x/stop", { method: "POST", headers: { host: "127.0.0.1:4000", ...headers } });
  const code = (f: () => void) => {
    try {
      f();
      return "passed";
    } catch (e) {
      return (e as SfnError).code;
    }
  };
  const on = { STEPSCOPE_ALLOW_ACTIONS: "true" };

  it("refuses everything while actions are disabled", () => {
    expect(code(() => assertActionRequest(post({ "content-type": "application/json" }), {}))).toBe("ACCESS_DENIED");
  });

  it("accepts JSON from our own origin and refuses forms and other origins", () => {
    expect(code(() => assertActionRequest(post({ "content-type": "application/json", origin: "http://127.0.0.1:4000" }), on))).toBe("passed");
    expect(code(() => assertActionRequest(post({ "content-type": "application/json" }), on))).toBe("passed");
    expect(code(() => assertActionRequest(post({ "content-type": "application/x-www-form-urlencoded" }), on))).toBe("BAD_REQUEST");
    expect(code(() => assertActionRequest(post({ "content-type": "application/json", origin: "https://evil.example" }), on))).toBe("ACCESS_DENIED");
    expect(code(() => assertActionRequest(post({ "content-type": "application/json", origin: "null" }), on))).toBe("ACCESS_DENIED");
  });

  it("compares the Origin's scheme, host and port, and trusts X-Forwarded-Host only from the named proxy", () => {
    const json = { "content-type": "application/json" };
    for (const origin of ["https://127.0.0.1:4000", "http://127.0.0.1:4001", "http://127.0.0.1"]) {
      expect(code(() => assertActionRequest(post({ ...json, origin }), on)), origin).toBe("ACCESS_DENIED");
    }
    // A rebinding page sends its own name as Host and may add X-Forwarded-Host: ours.
    expect(code(() => assertActionRequest(post({ ...json, host: "attacker.example:4000", "x-forwarded-host": "127.0.0.1:4000" }), on))).toBe("ACCESS_DENIED");
    expect(code(() => assertActionRequest(post({ ...json, origin: "http://attacker.example:4000", "x-forwarded-host": "attacker.example:4000" }), on))).toBe("ACCESS_DENIED");
    const proxied = { ...on, STEPSCOPE_TRUSTED_PROXY: "127.0.0.1:4000", STEPSCOPE_ALLOWED_HOSTS: "stepscope.example.com" };
    const viaProxy = { ...json, origin: "https://stepscope.example.com", "x-forwarded-host": "stepscope.example.com", "x-forwarded-proto": "https" };
    expect(code(() => assertActionRequest(post(viaProxy), proxied))).toBe("passed");
    expect(code(() => assertActionRequest(post(viaProxy), on))).toBe("ACCESS_DENIED");
  });
});
