/**
 * Next bundles routes, pages and instrumentation apart, and each parses the configuration
 * itself: the registry must stay one (the same clients, caches and health) for the same
 * configuration, and be built anew only when the configuration says something else.
 */
import { describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config/env";
import { resetScopes } from "@/lib/config/sources";
import { sourceRegistry } from "@/lib/server/sources/registry";
import { useSourceEnv } from "../../support/source-env";

const sources = (names: string[]) => JSON.stringify(names.map((name) => ({ name, endpoint: `http://127.0.0.1:9/${name}`, regions: ["us-east-1"] })));

describe("the source registry", () => {
  useSourceEnv(() => ({ STEPSCOPE_DATABASE_URL: "memory", STEPSCOPE_SOURCES: sources(["one", "two"]) }));

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
