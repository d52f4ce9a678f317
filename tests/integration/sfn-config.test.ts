/** Which source Stepscope reads from, and what it says when the environment is wrong. */
import { describe, expect, it } from "vitest";
import { ConfigError, noteAccountIdFromArn, parseConfig, resetConfig, sourceInfo } from "@/lib/config/env";

describe("source selection", () => {
  it("is the demo account when nothing is configured", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ source: "demo", region: "us-east-1", maxAttempts: 4 });
    expect(sourceInfo(config)).toMatchObject({ kind: "demo", label: "Demo account" });
  });

  it("is the emulator when AWS_ENDPOINT_URL_SFN is set, labelled by its URL", () => {
    const config = parseConfig({ AWS_ENDPOINT_URL_SFN: "http://localhost:8083" });
    expect(config).toMatchObject({ source: "emulator", endpoint: "http://localhost:8083", region: "us-east-1", hasCredentials: false });
    expect(sourceInfo(config)).toMatchObject({ kind: "emulator", label: "http://localhost:8083" });
  });

  it("is AWS when asked, with the region and, once learned, the account in the label", () => {
    resetConfig();
    const config = parseConfig({ STEPSCOPE_SOURCE: "aws", AWS_REGION: "eu-west-1", AWS_ENDPOINT_URL_SFN: "http://ignored:1" });
    expect(config).toMatchObject({ source: "aws", region: "eu-west-1", endpoint: undefined });
    expect(sourceInfo(config).label).toBe("AWS eu-west-1");
    noteAccountIdFromArn("arn:aws:states:eu-west-1:210987654321:stateMachine:orders");
    expect(sourceInfo(config)).toMatchObject({ label: "AWS eu-west-1 · 210987654321", accountId: "210987654321" });
    resetConfig();
  });
});

describe("bad environments get clear messages", () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ STEPSCOPE_SOURCE: "prod" }, /STEPSCOPE_SOURCE must be one of demo, emulator, aws/],
    [{ STEPSCOPE_SOURCE: "emulator" }, /needs AWS_ENDPOINT_URL_SFN/],
    [{ AWS_ENDPOINT_URL_SFN: "localhost:8083" }, /AWS_ENDPOINT_URL_SFN must be an http\(s\) URL/],
    [{ STEPSCOPE_SOURCE: "aws" }, /needs AWS_REGION/],
    [{ STEPSCOPE_DEMO_SEED: "abc" }, /STEPSCOPE_DEMO_SEED must be a whole number/],
    [{ STEPSCOPE_SFN_MAX_ATTEMPTS: "0" }, /STEPSCOPE_SFN_MAX_ATTEMPTS must be at least 1/],
    [{ AWS_REGION: "Frankfurt" }, /AWS_REGION must look like us-east-1/],
  ];
  for (const [env, message] of cases) {
    it(JSON.stringify(env), () => {
      expect(() => parseConfig(env)).toThrow(ConfigError);
      expect(() => parseConfig(env)).toThrow(message);
    });
  }
});
