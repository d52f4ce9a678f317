/**
 * GET /api/search on Postgres: the fleet service on a throwaway cluster prefilled with generated
 * executions; a query paged through the API gives what filtering the same executions gives.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as search } from "@/app/api/search/route";
import type { SearchResponse } from "@/lib/contract/api";
import { resetConfig } from "@/lib/config/env";
import { resetSfnContext } from "@/lib/sfn";
import { resetFleetService } from "@/lib/server/fleet-service";
import { openStore, parseDatabaseUrl } from "@/lib/store";
import { FakeSfn } from "../../support/fake-sfn";
import { shouldRunPostgresTests, startPostgres, type PostgresCluster } from "../../support/postgres";
import { callRoute, useFakeSfnServer } from "../../support/route-harness";
import { generateCorpus, loadCorpus, newestFirst } from "../../support/search-corpus";

const runPostgres = shouldRunPostgresTests();
const server = useFakeSfnServer();
const corpus = generateCorpus(50_000, 10, 13);
let cluster: PostgresCluster | undefined;

beforeAll(async () => {
  if (!runPostgres) return;
  cluster = await startPostgres();
  const url = await cluster.createDatabase();
  const store = await openStore(parseDatabaseUrl(url, process.cwd()));
  await loadCorpus(store, corpus);
  await store.close();
  process.env.STEPSCOPE_DATABASE_URL = url;
  resetConfig();
  resetSfnContext();
  server.use(...new FakeSfn().handlers());
}, 300_000);

afterAll(async () => {
  await resetFleetService();
  await cluster?.stop();
});

describe.runIf(runPostgres)("GET /api/search on Postgres", () => {
  it("pages through every match of a machine and error, newest first", async () => {
    const source = "machine:order-00,etl-00 error:States.*";
    const want = corpus.executions
      .filter((e) => (e.stateMachineArn.endsWith(":order-00") || e.stateMachineArn.endsWith(":etl-00")) && (e.error ?? "").startsWith("States."))
      .sort(newestFirst)
      .map((e) => e.arn);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { status, body } = await callRoute(search as never, `http://stepscope.test/api/search?q=${encodeURIComponent(source)}&limit=100${cursor ? `&cursor=${cursor}` : ""}`, "");
      expect(status).toBe(200);
      seen.push(...(body as SearchResponse).hits.map((h) => h.arn));
      cursor = (body as SearchResponse).nextCursor;
    } while (cursor);
    expect(seen).toEqual(want);
    expect(seen.length).toBeGreaterThan(100);
  }, 60_000);
});
