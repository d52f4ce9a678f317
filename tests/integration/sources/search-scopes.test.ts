/**
 * Search reads the store. Two emulator sources of one account and Region cannot both keep their
 * executions there (their ARNs may collide), so the second is indexed in memory only: a search
 * must say it did not cover that source rather than look complete.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GET as search } from "@/app/api/search/route";
import type { SearchResponse } from "@/lib/contract/api";
import { callRoute, type RouteHandler } from "../../support/route-harness";
import { useSourceEnv } from "../../support/source-env";

describe("search over several sources", () => {
  const dir = mkdtempSync(join(tmpdir(), "stepscope-search-scopes-"));
  const find = async (q: string) => (await callRoute(search as RouteHandler, `http://stepscope.test/api/search?q=${encodeURIComponent(q)}`, "")) as { status: number; body: SearchResponse };

  const emulator = (name: string, accountId: string) => ({ name, endpoint: `http://127.0.0.1:9/${name}`, regions: ["us-east-1"], accountId });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  useSourceEnv(() => ({
    STEPSCOPE_DATABASE_URL: `sqlite:${join(dir, "store.sqlite")}`,
    STEPSCOPE_SOURCES: JSON.stringify([emulator("one", "111111111111"), emulator("two", "111111111111"), emulator("three", "333333333333")]),
  }));

  it("names the source indexed in memory only, and why, and leaves out none other", async () => {
    const answer = await find("status:failed");
    expect(answer.status).toBe(200);
    expect(answer.body.notSearched?.map((s) => s.id)).toEqual(["two:us-east-1"]);
    expect(answer.body.notSearched?.[0].reason).toMatch(/in memory only.*accountId/);
  });
});
