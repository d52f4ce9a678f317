import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config/env";
import { resolveScopes } from "@/lib/config/sources";

const emulatorBase = parseConfig({ AWS_ENDPOINT_URL_SFN: "http://127.0.0.1:8083" });
const demoBase = parseConfig({});
const noFile = (path: string): string => {
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
};

function resolve(env: Record<string, string>, files: Record<string, string> = {}, base = emulatorBase) {
  return resolveScopes({ env, cwd: "/srv/stepscope", readFile: (p) => (p in files ? files[p] : noFile(p)) }, base);
}

function problem(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

const FILE = JSON.stringify({
  sources: [
    { name: "prod", profile: "prod-readonly", regions: ["eu-west-1", "us-east-1"] },
    { name: "staging", roleArn: "arn:aws:iam::210987654321:role/stepscope-read", regions: ["eu-west-1"] },
    { name: "local", endpoint: "http://127.0.0.1:4566", regions: ["us-east-1"], accountId: "000000000000" },
  ],
});

describe("the source list", () => {
  it("without a config is the environment's one source, unchanged", () => {
    const scopes = resolve({});
    expect(scopes).toHaveLength(1);
    expect(scopes[0]).toMatchObject({ id: "emulator:us-east-1", name: "emulator", kind: "emulator", implicit: true });
    expect(scopes[0].config).toBe(emulatorBase);
  });

  it("without a config, the demo is the demo organisation, its first scope the demo account of before", () => {
    const scopes = resolve({}, {}, demoBase);
    expect(scopes.map((s) => s.id)).toEqual(["prod:us-east-1", "prod:eu-west-1", "staging:us-east-1", "staging:eu-west-1"]);
    expect(scopes[0].config).toBe(demoBase);
    expect(new Set(scopes.map((s) => s.config.endpoint)).size).toBe(4);
  });

  it("reads stepscope.config.json from the working directory, or the file STEPSCOPE_CONFIG names", () => {
    const fromCwd = resolve({}, { "/srv/stepscope/stepscope.config.json": FILE });
    expect(fromCwd.map((s) => s.id)).toEqual(["prod:eu-west-1", "prod:us-east-1", "staging:eu-west-1", "local:us-east-1"]);
    expect(fromCwd[0]).toMatchObject({ kind: "aws", config: { source: "aws", region: "eu-west-1", profile: "prod-readonly" } });
    expect(fromCwd[2].config).toMatchObject({ roleArn: "arn:aws:iam::210987654321:role/stepscope-read", region: "eu-west-1" });
    expect(fromCwd[3]).toMatchObject({ kind: "emulator", accountId: "000000000000", config: { endpoint: "http://127.0.0.1:4566", logsEndpoint: "http://127.0.0.1:4566" } });

    const named = resolve({ STEPSCOPE_CONFIG: "/etc/stepscope.json" }, { "/etc/stepscope.json": FILE });
    expect(named).toHaveLength(4);
  });

  it("reads STEPSCOPE_SOURCES, as the same object or a bare list", () => {
    expect(resolve({ STEPSCOPE_SOURCES: FILE }).map((s) => s.name)).toEqual(["prod", "prod", "staging", "local"]);
    const demo = resolve({ STEPSCOPE_SOURCES: JSON.stringify([{ name: "demo-a", demo: { seed: 7 }, regions: ["us-east-1"] }]) });
    expect(demo[0]).toMatchObject({ kind: "demo", demoSeed: 7, config: { source: "demo", endpoint: "https://states.us-east-1.demo-a.demo.stepscope.invalid" } });
  });

  it("keeps the demo's simulated events queue to demo scopes: configured AWS and emulator sources read none unless told", () => {
    // A process with STEPSCOPE_SOURCES and no STEPSCOPE_SOURCE has the demo as its base kind.
    const scopes = resolve({ STEPSCOPE_SOURCES: JSON.stringify([...JSON.parse(FILE).sources, { name: "demo-a", demo: true, regions: ["us-east-1"] }]) }, {}, demoBase);
    expect(scopes.map((s) => [s.kind, s.config.eventsQueueUrl])).toEqual([
      ["aws", undefined],
      ["aws", undefined],
      ["aws", undefined],
      ["emulator", undefined],
      ["demo", demoBase.eventsQueueUrl],
    ]);
    const told = parseConfig({ STEPSCOPE_EVENTS_QUEUE_URL: "https://sqs.eu-west-1.amazonaws.com/1/sfn-events" });
    expect(resolve({ STEPSCOPE_SOURCES: FILE }, {}, told)[0].config.eventsQueueUrl).toBe("https://sqs.eu-west-1.amazonaws.com/1/sfn-events");
  });

  it("stops start-up naming the file and the field of a mistake", () => {
    const broken = JSON.stringify({ sources: [{ name: "prod", regions: ["eu-west-1"] }, { name: "staging", regions: ["europe"], profile: "s" }] });
    const message = problem(() => resolve({ STEPSCOPE_CONFIG: "conf.json" }, { "/srv/stepscope/conf.json": broken }));
    expect(message).toContain("/srv/stepscope/conf.json");
    expect(message).toContain('source "staging", regions.0: each Region must look like us-east-1');

    expect(problem(() => resolve({ STEPSCOPE_SOURCES: "{ not json" }))).toMatch(/STEPSCOPE_SOURCES is not valid JSON/);
    expect(problem(() => resolve({ STEPSCOPE_SOURCES: JSON.stringify([{ name: "Prod!", regions: ["us-east-1"] }]) }))).toMatch(/source "Prod!", name: name must be 1–40 lower-case/);
    expect(problem(() => resolve({ STEPSCOPE_SOURCES: JSON.stringify([{ name: "a", regions: [] }]) }))).toMatch(/source "a", regions: regions must name at least one Region/);
    expect(problem(() => resolve({ STEPSCOPE_SOURCES: JSON.stringify([{ name: "a", regions: ["us-east-1"], endpoint: "http://x:1", profile: "p" }]) }))).toMatch(/give one of profile, roleArn, endpoint, demo/);
    expect(problem(() => resolve({ STEPSCOPE_SOURCES: JSON.stringify([{ name: "a", regions: ["us-east-1"] }, { name: "a", regions: ["eu-west-1"] }]) }))).toMatch(/two sources are named a/);
    expect(problem(() => resolve({ STEPSCOPE_SOURCES: JSON.stringify([{ name: "a", regions: ["us-east-1"], region: "x" }]) }))).toMatch(/source "a".*region/i);
    expect(problem(() => resolve({ STEPSCOPE_SOURCES: JSON.stringify({ sources: [] }) }))).toMatch(/at least one source/);
  });

  it("refuses a STEPSCOPE_CONFIG that cannot be read, and both settings at once", () => {
    expect(problem(() => resolve({ STEPSCOPE_CONFIG: "missing.json" }))).toMatch(/STEPSCOPE_CONFIG names \/srv\/stepscope\/missing.json, which cannot be read \(ENOENT\)/);
    expect(problem(() => resolve({ STEPSCOPE_CONFIG: "a.json", STEPSCOPE_SOURCES: FILE }))).toMatch(/either STEPSCOPE_SOURCES or STEPSCOPE_CONFIG/);
  });
});
