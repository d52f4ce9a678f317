/**
 * Search at 1,000,000 stored executions (40 machines over 30 days; payloads for every other
 * execution of the order-* machines, 100,000 of them), on SQLite and on Postgres, through the
 * store's query (what GET /api/search runs). p50 of each kind of query, every kind warmed up
 * and the kinds interleaved, each with a few different values so no single cached answer is
 * timed; the baseline is the newest page with no filter, measured in the same run.
 * Postgres figures need Debian's postgresql (as the tests do).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { parseSearchQuery } from "@/lib/search";
import { openStore, parseDatabaseUrl, searchExecutions, type Store } from "@/lib/store";
import { postgresBinDir, startPostgres, type PostgresCluster } from "../support/postgres";
import { CORPUS_T0, generateCorpus, loadCorpus } from "../support/search-corpus";
import { figure, type Figure } from "./figure";

const COUNT = Number(process.env.STEPSCOPE_BENCH_SEARCH_COUNT ?? 1_000_000);
const RUNS = 15;
const DAY = 86_400_000;

const KINDS: Record<string, (i: number, customers: string[]) => string> = {
  "newest page, no filter (baseline)": () => "",
  "name prefix": (i) => `billing-0${i % 3}`,
  "status + time range": (i) => `status:failed from:${CORPUS_T0 + (i % 20) * DAY} to:${CORPUS_T0 + (i % 20) * DAY + 2 * DAY}`,
  "error": (i) => `error:${["PaymentDeclined", "States.Timeout", "Lambda.ServiceException"][i % 3]}`,
  "payload field": (i, customers) => `input.customer.id = "${customers[i % customers.length]}"`,
};

export async function figures(): Promise<Figure[]> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-bench-search-"));
  const corpus = generateCorpus(COUNT, 40, 7, 2);
  const customers = [...new Set(corpus.payloads.slice(0, 50).map((p) => JSON.parse(p.input!).customer.id as string))];
  const out: Figure[] = [];
  let cluster: PostgresCluster | undefined;
  try {
    const sqlite = await openStore(parseDatabaseUrl(`sqlite:${path.join(tmp, "search.db")}`, tmp));
    let t = performance.now();
    await loadCorpus(sqlite, corpus);
    console.error(`[bench] SQLite: ${COUNT.toLocaleString("en")} executions loaded in ${Math.round((performance.now() - t) / 1000)} s`);
    out.push(...(await measure("SQLite", sqlite, customers)));
    await sqlite.close();
    if (postgresBinDir()) {
      cluster = await startPostgres();
      const pg = await openStore(parseDatabaseUrl(await cluster.createDatabase("search"), tmp));
      t = performance.now();
      await loadCorpus(pg, corpus);
      // Fresh statistics, as autovacuum would have gathered on a store filled over weeks.
      await sql`analyze`.execute(pg.db);
      console.error(`[bench] Postgres: ${COUNT.toLocaleString("en")} executions loaded in ${Math.round((performance.now() - t) / 1000)} s`);
      out.push(...(await measure("Postgres", pg, customers)));
      await pg.close();
    } else {
      console.error("[bench] no Postgres binaries: the Postgres figures are left out");
    }
  } finally {
    await cluster?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

async function measure(dialect: string, store: Store, customers: string[]): Promise<Figure[]> {
  const names = Object.keys(KINDS);
  const times = new Map<string, number[]>(names.map((n) => [n, []]));
  const run = async (name: string, i: number) => {
    const query = parseSearchQuery(KINDS[name](i, customers));
    const t0 = performance.now();
    const page = await searchExecutions(store, query, 50);
    const ms = performance.now() - t0;
    if (page.hits.length === 0) throw new Error(`bench query "${KINDS[name](i, customers)}" found nothing: the figure would mean nothing`);
    return ms;
  };
  for (const name of names) for (let i = 0; i < 3; i++) await run(name, i); // warm-up
  for (let i = 0; i < RUNS; i++) for (const name of names) times.get(name)!.push(await run(name, i));
  const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const baseline = p50(times.get(names[0])!);
  return names.slice(1).map((name) =>
    figure(`search p50, ${name}, ${COUNT.toLocaleString("en")} executions, ${dialect}`, p50(times.get(name)!), "ms", baseline, "≤ 300 ms"),
  );
}
