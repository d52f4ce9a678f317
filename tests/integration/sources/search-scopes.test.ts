/**
 * Search reads the store. Two emulator sources of one account and Region cannot both keep their
 * executions there (their ARNs may collide), so the second is indexed in memory only: a search
 * must say it did not cover that source rather than look complete.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as search } from "@/app/api/search/route";
import type { SearchResponse } from "@/lib/contract/api";
import { resetConfig } from "@/lib/config/env";
import { resetSfnContext } from "@/lib/sfn";
import { resetFleetService } from "@/lib/server/fleet-service";
import { resetSourceRegistry } from "@/lib/server/sources/registry";
import { callRoute, type RouteHandler } from "../../support/route-harness";

describe("search over several sources", () => {
  const saved = { ...process.env };
  const dir = mkdtempSync(join(tmpdir(), "stepscope-search-scopes-"));
  const find = async (q: string) => (await callRoute(search as RouteHandler, `http://stepscope.test/api/search?q=${encodeURIComponent(q)}`, "")) as { status: number; body: SearchResponse };

  beforeAll(() => {
    for (const key of ["AWS_ENDPOINT_URL_SFN", "STEPSCOPE_SOURCE", "STEPSCOPE_CONFIG", "STEPSCOPE_EVENTS_QUEUE_URL"]) delete process.env[key];
    process.env.STEPSCOPE_DATABASE_URL = `sqlite:${join(dir, "store.sqlite")}`;
    process.env.STEPSCOPE_SFN_MAX_ATTEMPTS = "1";
    const emulator = (name: string, accountId?: string) => ({ name, endpoint: `http://127.0.0.1:9/${name}`, regions: ["us-east-1"], ...(accountId ? { accountId } : {}) });
    process.env.STEPSCOPE_SOURCES = JSON.stringify([emulator("one", "111111111111"), emulator("two", "111111111111"), emulator("three", "333333333333")]);
    resetConfig();
    resetSfnContext();
  });
  afterAll(async () => {
    await resetSourceRegistry();
    await resetFleetService();
    process.env = saved;
    resetConfig();
    resetSfnContext();
    rmSync(dir, { recursive: true, force: true });
  });

  it("names the source indexed in memory only, and why, and leaves out none other", async () => {
    const answer = await find("status:failed");
    expect(answer.status).toBe(200);
    expect(answer.body.notSearched?.map((s) => s.id)).toEqual(["two:us-east-1"]);
    expect(answer.body.notSearched?.[0].reason).toMatch(/in memory only.*accountId/);
  });
});
