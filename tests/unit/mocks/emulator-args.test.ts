import { describe, expect, it } from "vitest";
import { parseEmulatorArgs } from "@/mocks/transport/cli-args";
import { demoSeedFromEnv } from "@/mocks";

describe("emulator options", () => {
  it("defaults to 127.0.0.1:8090, seed 42 and the organisation's main scope", () => {
    expect(parseEmulatorArgs([], {})).toEqual({ ok: true, options: { port: 8090, host: "127.0.0.1", seed: 42, scope: "prod:us-east-1" } });
  });

  it("takes --port, --host and --seed, in both spellings, and the seed from the environment", () => {
    expect(parseEmulatorArgs(["--port", "8099", "--host=0.0.0.0"], { STEPSCOPE_DEMO_SEED: "7" })).toEqual({
      ok: true,
      options: { port: 8099, host: "0.0.0.0", seed: 7, scope: "prod:us-east-1" },
    });
    expect(parseEmulatorArgs(["--seed", "9"], { STEPSCOPE_DEMO_SEED: "7" })).toMatchObject({ options: { seed: 9 } });
  });

  it("serves the scope --scope names, and refuses one the organisation does not have", () => {
    expect(parseEmulatorArgs(["--scope", "staging:us-east-1"], {})).toMatchObject({ ok: true, options: { scope: "staging:us-east-1" } });
    expect(parseEmulatorArgs(["--scope=prod:eu-west-1"], {})).toMatchObject({ ok: true, options: { scope: "prod:eu-west-1" } });
    expect(parseEmulatorArgs(["--scope", "prod:ap-south-1"], {})).toEqual({
      ok: false,
      message: "--scope must be one of prod:us-east-1, prod:eu-west-1, staging:us-east-1, staging:eu-west-1, not 'prod:ap-south-1'",
    });
  });

  it("explains a bad option instead of starting", () => {
    expect(parseEmulatorArgs(["--port", "http"], {})).toEqual({ ok: false, message: "--port must be a number from 0 to 65535, not 'http'" });
    expect(parseEmulatorArgs(["--verbose"], {})).toEqual({ ok: false, message: "Unknown option '--verbose'" });
    expect(parseEmulatorArgs(["--seed", "abc"], {})).toMatchObject({ ok: false, message: expect.stringContaining("whole number") });
  });

  it("rejects a malformed STEPSCOPE_DEMO_SEED with a message that names it", () => {
    expect(() => demoSeedFromEnv({ STEPSCOPE_DEMO_SEED: "-1" })).toThrow(/STEPSCOPE_DEMO_SEED/);
    expect(demoSeedFromEnv({})).toBe(42);
  });
});
