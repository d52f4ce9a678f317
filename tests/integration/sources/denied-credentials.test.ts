/**
 * A source whose profile cannot give credentials (missing, or an SSO session that expired) is
 * denied, in words naming the profile, before any request leaves: the real SDK resolves it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { resolveScopes } from "@/lib/config/sources";
import { createSfnContext, send, SfnError } from "@/lib/sfn";
import { scopeHealth } from "@/lib/server/sources/scope-health";

describe("a source without credentials", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "stepscope-profiles-"));
  const saved = { ...process.env };

  beforeAll(() => {
    writeFileSync(path.join(dir, "config"), "[profile other]\nregion = eu-west-1\n");
    writeFileSync(path.join(dir, "credentials"), "");
    process.env.AWS_CONFIG_FILE = path.join(dir, "config");
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, "credentials");
    for (const key of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"]) delete process.env[key];
  });

  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it("is denied, naming the profile, and its health says so", async () => {
    const sources = JSON.stringify([{ name: "prod", profile: "prod-readonly", regions: ["eu-west-1"] }]);
    const [scope] = resolveScopes({ env: { STEPSCOPE_SOURCES: sources }, cwd: dir, readFile: () => "" }, parseConfig({ STEPSCOPE_SOURCE: "aws", AWS_REGION: "eu-west-1", STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }));
    const ctx = createSfnContext(scope.config);
    try {
      const error = await send(ctx, "ListStateMachines", new ListStateMachinesCommand({})).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SfnError);
      expect((error as SfnError).code).toBe("ACCESS_DENIED");
      expect((error as SfnError).message).toContain("prod-readonly");
      expect(scopeHealth(ctx.outcome, ctx.now())).toMatchObject({ state: "denied", message: expect.stringContaining("prod-readonly") });
    } finally {
      ctx.client.destroy();
    }
  });
});
