/**
 * GET /api/search through the route handler, with the fleet service on a SQLite store and the
 * real SDK against a fake endpoint: a prefilled store is searched and paged through the API,
 * the payload indexer reads DescribeExecution for the machines STEPSCOPE_INDEX_PAYLOADS names
 * (and only those), and a bad query or cursor gets a 400 that says what is wrong.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as search } from "@/app/api/search/route";
import type { SearchResponse } from "@/lib/contract/api";
import { resetConfig } from "@/lib/config/env";
import { resetSfnContext } from "@/lib/sfn";
import { resetFleetService } from "@/lib/server/fleet-service";
import { openStore, parseDatabaseUrl } from "@/lib/store";
import { arnOf, FakeSfn, makeEvents } from "../../support/fake-sfn";
import { callRoute, useFakeSfnServer } from "../../support/route-harness";
import { generateCorpus, loadCorpus, newestFirst } from "../../support/search-corpus";

const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-search-api-"));
const file = path.join(tmp, "search.db");
const server = useFakeSfnServer({ STEPSCOPE_DATABASE_URL: `sqlite:${file}`, STEPSCOPE_INDEX_PAYLOADS: "live-order*" });
const corpus = generateCorpus(30_000, 10, 11);
const fake = new FakeSfn();
const nowSeconds = Math.floor(Date.now() / 1000);

beforeAll(async () => {
  const store = await openStore(parseDatabaseUrl(`sqlite:${file}`, tmp));
  await loadCorpus(store, corpus);
  await store.close();
  fake.machines = [
    { name: "live-orders", type: "STANDARD", createdSeconds: nowSeconds - 86_400, definition: "{}" },
    { name: "live-clicks", type: "STANDARD", createdSeconds: nowSeconds - 86_400, definition: "{}" },
  ];
  for (let i = 0; i < 6; i++) {
    const start = nowSeconds - 60 * (i + 1);
    fake.addExecution({ machine: "live-orders", name: `o-${i}`, status: "SUCCEEDED", startSeconds: start, stopSeconds: start + 5, events: makeEvents(3, start, true), input: JSON.stringify({ customer: { id: `c-${i % 2}` } }), output: `{"total":${i}}` });
    fake.addExecution({ machine: "live-clicks", name: `k-${i}`, status: "SUCCEEDED", startSeconds: start, stopSeconds: start + 5, events: makeEvents(3, start, true), input: JSON.stringify({ customer: { id: "c-0" } }) });
  }
  resetConfig();
  resetSfnContext();
}, 120_000);

// The harness drops each test's handlers after it.
beforeEach(() => server.use(...fake.handlers()));

afterAll(async () => {
  await resetFleetService();
  rmSync(tmp, { recursive: true, force: true });
});

async function get(query: string): Promise<{ status: number; body: any }> {
  return callRoute(search as never, `http://stepscope.test/api/search?${query}`, "");
}

describe("GET /api/search", () => {
  it("pages through every match, newest first, across machines", async () => {
    const want = corpus.executions.filter((e) => e.status === "TIMED_OUT").sort(newestFirst).map((e) => e.arn);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { status, body } = await get(`q=${encodeURIComponent("status:timed_out")}&limit=200${cursor ? `&cursor=${cursor}` : ""}`);
      expect(status).toBe(200);
      const page = body as SearchResponse;
      seen.push(...page.hits.map((h) => h.arn));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(want);
  });

  it("indexes payloads of the machines the setting names, and finds them by field", async () => {
    const deadline = Date.now() + 30_000;
    let body: SearchResponse | undefined;
    while (Date.now() < deadline) {
      body = (await get(`q=${encodeURIComponent('input.customer.id = "c-0"')}`)).body as SearchResponse;
      if (body.hits.length === 3) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(body!.hits.map((h) => h.name)).toEqual(["o-0", "o-2", "o-4"]);
    expect(body!.payloadIndexing).toBe("live-order*");
    // live-clicks is not in the setting: none of its executions were described.
    const described = fake.callsTo("DescribeExecution").map((c) => c.body.executionArn as string);
    expect(described.some((arn) => arn.startsWith(arnOf.execution("live-clicks", "")))).toBe(false);
    const byOutput = (await get(`q=${encodeURIComponent("output.total = 5")}`)).body as SearchResponse;
    expect(byOutput.hits.map((h) => h.name)).toEqual(["o-5"]);
  }, 40_000);

  it("says what is wrong with a bad query, cursor or limit", async () => {
    const badStatus = await get(`q=${encodeURIComponent("status:DONE")}`);
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.message).toMatch(/unknown status "DONE"/);
    const badCursor = await get("cursor=abc");
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.message).toMatch(/cursor is not one Stepscope made/);
    const badLimit = await get("limit=0");
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toMatch(/limit must be/);
  });
});
