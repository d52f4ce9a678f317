/**
 * Search over a few hundred thousand generated executions on SQLite and on Postgres: every
 * kind of term gives exactly what filtering the same executions in memory gives, newest first,
 * and walking the pages with the cursor sees each hit once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSearchQuery, type SearchCursor } from "@/lib/search";
import { openStore, parseDatabaseUrl, searchExecutions, type DatabaseLocation, type Store, type StoredExecution } from "@/lib/store";
import { shouldRunPostgresTests, startPostgres, type PostgresCluster } from "../../support/postgres";
import { CORPUS_T0, generateCorpus, loadCorpus, newestFirst, type Corpus } from "../../support/search-corpus";

const COUNT = 200_000;
const DAY = 86_400_000;
const corpus: Corpus = generateCorpus(COUNT);
const payloadOf = new Map(corpus.payloads.map((p) => [p.executionArn, p]));
const machineName = new Map(corpus.machines.map((m) => [m.arn, m.name]));

let tmp: string;
let cluster: PostgresCluster | undefined;
const runPostgres = shouldRunPostgresTests();

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-search-"));
  if (runPostgres) cluster = await startPostgres();
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** Every hit of a query, walking the pages with the cursor. */
async function allHits(store: Store, source: string, pageSize = 500): Promise<string[]> {
  const query = parseSearchQuery(source);
  const arns: string[] = [];
  let after: SearchCursor | undefined;
  for (;;) {
    const page = await searchExecutions(store, query, pageSize, after);
    arns.push(...page.hits.map((h) => h.arn));
    if (!page.next) return arns;
    after = page.next;
  }
}

function expected(keep: (e: StoredExecution) => boolean): string[] {
  return corpus.executions.filter(keep).sort(newestFirst).map((e) => e.arn);
}

const dialects: { name: string; enabled: boolean; location: () => Promise<DatabaseLocation> }[] = [
  { name: "SQLite", enabled: true, location: async () => parseDatabaseUrl(`sqlite:${path.join(tmp, "search.db")}`, tmp) },
  { name: "Postgres", enabled: runPostgres, location: async () => parseDatabaseUrl(await cluster!.createDatabase(), tmp) },
];

for (const dialect of dialects) {
  describe.runIf(dialect.enabled)(`search over ${COUNT.toLocaleString("en")} executions on ${dialect.name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openStore(await dialect.location());
      await loadCorpus(store, corpus);
    }, 600_000);
    afterAll(async () => store?.close());

    it("answers the newest executions of every machine first, with the machine's name", async () => {
      const page = await searchExecutions(store, parseSearchQuery(""), 25);
      expect(page.hits.map((h) => h.arn)).toEqual(expected(() => true).slice(0, 25));
      expect(page.hits[0].machineName).toBe(machineName.get(page.hits[0].stateMachineArn));
      expect(page.next).toBeDefined();
    });

    it("finds by name prefix and by ARN prefix", async () => {
      const byName = await allHits(store, "billing-01");
      expect(byName).toEqual(expected((e) => e.name.startsWith("billing-01")));
      expect(byName.length).toBeGreaterThan(10);
      // machines[3] is email-00; its executions are named email-….
      const arnPrefix = corpus.machines[3].arn.replace(":stateMachine:", ":execution:") + ":email-02";
      const byArn = await allHits(store, arnPrefix, 200);
      expect(byArn).toEqual(expected((e) => e.arn.startsWith(arnPrefix)));
      expect(byArn.length).toBeGreaterThan(10);
    });

    it("finds by status within a time range, across every machine", async () => {
      const from = CORPUS_T0 + 3 * DAY;
      const to = from + 2 * DAY;
      const hits = await allHits(store, `status:failed,timed_out from:${from} to:${to}`);
      expect(hits).toEqual(expected((e) => (e.status === "FAILED" || e.status === "TIMED_OUT") && e.startedAt >= from && e.startedAt < to));
      expect(hits.length).toBeGreaterThan(1000);
    });

    it("finds by state machine name, error name or prefix, and cause text", async () => {
      expect(await allHits(store, "machine:etl-01 error:PaymentDeclined")).toEqual(
        expected((e) => machineName.get(e.stateMachineArn) === "etl-01" && e.error === "PaymentDeclined"),
      );
      expect(await allHits(store, "error:Lambda.* from:2026-11-20")).toEqual(expected((e) => (e.error ?? "").startsWith("Lambda.") && e.startedAt >= Date.UTC(2026, 10, 20)));
      expect(await allHits(store, 'cause:"CARD EXPIRED (attempt 3" from:2026-11-25')).toEqual(
        expected((e) => (e.cause ?? "").toLowerCase().includes("card expired (attempt 3") && e.startedAt >= Date.UTC(2026, 10, 25)),
      );
    });

    it("finds by a payload field and by free text in the input and the output", async () => {
      const customer = JSON.parse(corpus.payloads[123].input!).customer.id as string;
      const byCustomer = await allHits(store, `input.customer.id = "${customer}"`);
      expect(byCustomer).toEqual(expected((e) => payloadOf.has(e.arn) && JSON.parse(payloadOf.get(e.arn)!.input!).customer.id === customer));
      expect(byCustomer.length).toBeGreaterThan(0);
      // Typed values: the output total is a number, and the string "20.5" is not it.
      expect(await allHits(store, "output.total = 20.5 status:succeeded")).toEqual(
        expected((e) => e.status === "SUCCEEDED" && payloadOf.get(e.arn)?.output !== undefined && JSON.parse(payloadOf.get(e.arn)!.output!).total === 20.5),
      );
      expect(await allHits(store, 'output.total = "20.5"')).toEqual([]);
      expect(await allHits(store, "input.items[0].sku = sku-42 input:gold")).toEqual(
        expected((e) => {
          const p = payloadOf.get(e.arn);
          return p !== undefined && JSON.parse(p.input!).items[0].sku === "sku-42" && p.input!.includes("gold");
        }),
      );
      expect(await allHits(store, "payload:r-1234 from:2026-11-01")).toEqual(expected((e) => (payloadOf.get(e.arn)?.output ?? "").includes("r-1234")));
    });

    it("pages by cursor: each hit once, in order, whatever the page size", async () => {
      const source = "status:aborted";
      const whole = expected((e) => e.status === "ABORTED");
      expect(await allHits(store, source, 37)).toEqual(whole);
      expect(await allHits(store, source, 1000)).toEqual(whole);
    });

    it("keeps executions that started in the same millisecond apart across pages", async () => {
      const machine = corpus.machines[0];
      const at = CORPUS_T0 - 5 * DAY;
      const twins = Array.from({ length: 5 }, (_, i) => ({
        arn: `${machine.arn.replace(":stateMachine:", ":execution:")}:twin-${i}`,
        name: `twin-${i}`,
        stateMachineArn: machine.arn,
        status: "SUCCEEDED" as const,
        startedAt: at,
      }));
      await store.putListing(machine.arn, twins, undefined, CORPUS_T0);
      const hits = await allHits(store, "twin-", 2);
      expect([...hits].sort()).toEqual(twins.map((t) => t.arn).sort());
      expect(new Set(hits).size).toBe(5);
    });
  });
}
