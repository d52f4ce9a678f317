/**
 * Next bundles routes, pages and instrumentation apart, and each parses the configuration
 * itself: the registry must stay one (the same clients, caches and health) for the same
 * configuration, and be built anew only when the configuration says something else.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config/env";
import { resetScopes } from "@/lib/config/sources";
import { resetSfnContext } from "@/lib/sfn";
import { resetSourceRegistry, sourceRegistry } from "@/lib/server/sources/registry";

const sources = (names: string[]) => JSON.stringify(names.map((name) => ({ name, endpoint: `http://127.0.0.1:9/${name}`, regions: ["us-east-1"] })));

describe("the source registry", () => {
  const saved = { ...process.env };
  beforeAll(() => {
    for (const key of ["AWS_ENDPOINT_URL_SFN", "STEPSCOPE_SOURCE", "STEPSCOPE_CONFIG"]) delete process.env[key];
    process.env.STEPSCOPE_DATABASE_URL = "memory";
    process.env.STEPSCOPE_SOURCES = sources(["one", "two"]);
    resetConfig();
    resetSfnContext();
  });
  afterAll(async () => {
    await resetSourceRegistry();
    process.env = saved;
    resetConfig();
    resetSfnContext();
  });

  it("stays one when the same configuration is parsed again (another bundle), and keeps what each scope learned", () => {
    const second = sourceRegistry().scopes[1];
    second.ctx.outcome.answeredAt = 1234;
    // What a page bundle does: its own copy of the configuration, read afresh.
    resetConfig();
    resetScopes();
    const again = sourceRegistry().scopes[1];
    expect(again).toBe(second);
    expect(again.ctx.outcome.answeredAt).toBe(1234);
  });

  it("is built anew when the configuration changes", () => {
    const before = sourceRegistry().scopes[1];
    process.env.STEPSCOPE_SOURCES = sources(["one", "three"]);
    resetConfig();
    const after = sourceRegistry();
    expect(after.scopes.map((s) => s.id)).toEqual(["one:us-east-1", "three:us-east-1"]);
    expect(after.scopes[1]).not.toBe(before);
  });
});
