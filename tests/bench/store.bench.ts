/**
 * The store at scale, against the production build under `next start`:
 *  - 1,000,000 stored executions (500 machines × 2,000 over the last 7 days, written straight
 *    into the store) on SQLite and on Postgres: the server's RSS once everything is loaded,
 *    against the same server on an empty store; /api/fleet p50, against /api/source p50 on the
 *    same server (a route that reads no index); the first /api/fleet answer after start.
 *  - a restart after at least 5 minutes down against a synthetic account that answers like AWS (token
 *    buckets at the default quotas): seconds until every row is complete and listed past the
 *    downtime, and ListExecutions calls per machine.
 *  - the first start on rows alone (a store written before column blocks, or by the bench's
 *    writer): seconds until every row is complete. That start writes each machine's block, which
 *    the restart reads.
 * The synthetic account is 500 machines at 2,000 executions a week by default;
 *  STEPSCOPE_BENCH_PER_MACHINE=20000 runs the 20,000 (10 million stored: an hour or more,
 *  most of it writing the rows; STEPSCOPE_BENCH_SQLITE_ONLY=1 leaves Postgres out).
 *  STEPSCOPE_BENCH_QUICK=1 runs 50 machines and a 30 s downtime. Postgres figures need Debian's
 *  postgresql (as the tests do).
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import os from "node:os";
import path from "node:path";
// @ts-expect-error: a plain .mjs helper shared with npm start and npm test
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
import type { FleetResponse } from "@/lib/contract/api";
import { StoreIndexPersistence } from "@/lib/server/index-persistence";
import { openStore, parseDatabaseUrl } from "@/lib/store";
import { postgresBinDir, startPostgres, type PostgresCluster } from "../support/postgres";
import { distDir, startStepscope, type StepscopeServer } from "../support/server";
import { startSyntheticAccount, syntheticExecution, syntheticMachineArn, type SyntheticAccountOptions } from "../support/synthetic-account";
import { median, figure, type Figure } from "./figure";

/** STEPSCOPE_BENCH_QUICK=1: a tenth of the machines and a shorter downtime, to try the bench out. */
const QUICK = process.env.STEPSCOPE_BENCH_QUICK === "1";
const MACHINES = QUICK ? 50 : 500;
const PER_MACHINE = Number(process.env.STEPSCOPE_BENCH_PER_MACHINE ?? 2_000);
const PER_MACHINE_LABEL = PER_MACHINE.toLocaleString("en");
const SQLITE_ONLY = process.env.STEPSCOPE_BENCH_SQLITE_ONLY === "1";
/** How long a fleet may take to be complete: reading rows back scales with them (a minute per million, with room). */
const COMPLETE_WITHIN_MS = Math.max(120_000, (MACHINES * PER_MACHINE * 60_000) / 1_000_000);
const STORED = (MACHINES * PER_MACHINE).toLocaleString("en");
const WEEK = 7 * 86_400_000;
const REQUESTS = 15;
/** The windows, and answers in each, over which the highest RSS is taken. */
const SUSTAINED_WINDOWS = ["7d", "24h", "1h", "30d"];
const SUSTAINED_REQUESTS = 60;
const MIN_DOWNTIME_MS = (QUICK ? 0.5 : 5) * 60_000;
/** Rows per INSERT of the bench's own writer. */
const WRITE_BATCH = 5_000;

export async function figures(): Promise<Figure[]> {
  buildIfStale(distDir());
  const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-bench-store-"));
  const out: Figure[] = [];
  let cluster: PostgresCluster | undefined;
  try {
    const sqliteUrl = `sqlite:${path.join(tmp, "bench.db")}`;
    const now = Date.now();
    const options: SyntheticAccountOptions = { machines: MACHINES, perMachine: PER_MACHINE, spanMs: WEEK, now };
    await generate(sqliteUrl, options, now);
    out.push(...(await measureStored("SQLite", sqliteUrl, options)));
    if (SQLITE_ONLY) {
      console.error("[bench] STEPSCOPE_BENCH_SQLITE_ONLY: the Postgres figures are left out");
    } else if (postgresBinDir()) {
      cluster = await startPostgres();
      const pgUrl = await cluster.createDatabase("bench");
      await generate(pgUrl, options, now);
      out.push(...(await measureStored("Postgres", pgUrl, options)));
    } else {
      console.error("[bench] no Postgres binaries: the Postgres figures are left out");
    }
    out.push(...(await measureRestart(sqliteUrl, options)));
  } finally {
    await cluster?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

/**
 * A failed row's error and cause as the failure reads leave them: the ExecutionFailed causes of
 * the histories recorded against AWS (tests/fixtures/aws-histories) run 13 to 418 characters,
 * 187 at the median; this one is about that long.
 */
const FAILED_ERROR = "Lambda.Unknown";
const failedCause = (i: number, j: number) =>
  `{"errorType":"PaymentDeclinedError","errorMessage":"card declined for order ${i}-${j}: issuer answered 05 (do not honour)","trace":["PaymentDeclinedError: card declined","    at charge (/var/task/index.js:41:11)"]}`;

/** Writes the synthetic account's executions and complete cursors straight into a store, as a previous run would have. */
export async function generate(url: string, o: SyntheticAccountOptions, refreshedAt: number): Promise<void> {
  const t0 = performance.now();
  const store = await openStore(parseDatabaseUrl(url, process.cwd()));
  const persistence = new StoreIndexPersistence(store, { mayPoll: () => true, now: () => refreshedAt });
  try {
    await store.putStateMachines(
      Array.from({ length: o.machines }, (_, i) => ({ arn: syntheticMachineArn(i), name: `synthetic-${String(i).padStart(4, "0")}`, type: "STANDARD" as const, createdAt: o.now - 30 * 86_400_000 })),
      refreshedAt,
    );
    // The cursors through the store, as a run would leave them; the rows below, in bulk.
    for (let i = 0; i < o.machines; i++) {
      await persistence.save(syntheticMachineArn(i), [], { newestStart: syntheticExecution(o, i, 0).startedAt, coveredFrom: o.now - o.spanMs, tasks: [], refreshedAt });
    }
  } finally {
    await store.close();
  }
  await writeRows(url, o, refreshedAt);
  console.error(`[bench] wrote ${(o.machines * o.perMachine).toLocaleString("en")} executions into ${url.split(":")[0]} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * The rows, written straight through the driver: the store's own upsert reads each row before it
 * merges (right for a poller, minutes for a million rows), and the bench measures reading them.
 */
async function writeRows(url: string, o: SyntheticAccountOptions, updatedAt: number): Promise<void> {
  const rowOf = (i: number, j: number) => {
    const e = syntheticExecution(o, i, j);
    // A poller reads every failure's history and writes its error and cause onto the row.
    const failure = e.status === "FAILED" ? [FAILED_ERROR, failedCause(i, j)] : [null, null];
    return [e.arn, syntheticMachineArn(i), e.name, e.status, e.startedAt, e.stoppedAt ?? null, writtenAt(e, updatedAt), ...failure] as const;
  };
  const location = parseDatabaseUrl(url, process.cwd());
  if (location.kind === "sqlite") {
    const db = new Database(location.file);
    try {
      // The bench's own bulk load: a crash here loses nothing worth keeping.
      db.pragma("synchronous = OFF");
      const insert = db.prepare("insert into executions (arn, machine_arn, name, status, started_at, stopped_at, updated_at, error, cause) values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      const machine = db.transaction((i: number) => {
        for (let j = 0; j < o.perMachine; j++) insert.run(...rowOf(i, j));
      });
      for (let i = 0; i < o.machines; i++) machine(i);
    } finally {
      db.close();
    }
    // Written without syncing, the file's pages are still the kernel's to write: the server's
    // first WAL checkpoint (an fsync) would then wait for all of them, a second and more that
    // the bench would bill to the server. A store a server wrote was synced as it went.
    const fd = openSync(location.file, "r+");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return;
  }
  if (location.kind !== "postgres") throw new Error(`the bench writes SQLite or Postgres, not ${location.kind}`);
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    const columns: unknown[][] = Array.from({ length: 9 }, () => []);
    const flush = async () => {
      if (columns[0].length === 0) return;
      await client.query(
        "insert into executions (arn, machine_arn, name, status, started_at, stopped_at, updated_at, error, cause) select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::text[], $9::text[])",
        columns,
      );
      for (const c of columns) c.length = 0;
    };
    for (let i = 0; i < o.machines; i++) {
      for (let j = 0; j < o.perMachine; j++) {
        rowOf(i, j).forEach((v, k) => columns[k].push(v));
        if (columns[0].length >= WRITE_BATCH) await flush();
      }
    }
    await flush();
  } finally {
    await client.end();
  }
}

/**
 * When a poller would have written the row last: about 10 s after the execution stopped (the
 * next listing), 90 s for a failure (its history read writes the error and the cause), never
 * after the run the bench stands for. A restart re-reads the rows written within a minute of a
 * column block, so rows all written at one instant would all be read again.
 */
function writtenAt(e: { status: string; startedAt: number; stoppedAt?: number }, runEndedAt: number): number {
  return Math.min(runEndedAt, (e.stoppedAt ?? e.startedAt) + (e.status === "FAILED" ? 90_000 : 10_000));
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function timed(url: string): Promise<number> {
  const t0 = performance.now();
  const r = await fetch(url);
  await r.arrayBuffer();
  if (!r.ok) throw new Error(`${url} answered ${r.status}`);
  return performance.now() - t0;
}

async function fleetWhenComplete(server: StepscopeServer, timeoutMs: number): Promise<FleetResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await fetch(`${server.url}/api/fleet?window=24h&limit=500`);
    if (!r.ok) throw new Error(`/api/fleet answered ${r.status}: ${await r.text()}`);
    const answer = (await r.json()) as FleetResponse;
    if (answer.total >= MACHINES && answer.rows.every((r) => r.coverage.state === "complete")) return answer;
    if (Date.now() > deadline) throw new Error(`the fleet was not complete within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function measureStored(dialect: string, url: string, o: SyntheticAccountOptions): Promise<Figure[]> {
  const account = await startSyntheticAccount(o);
  const env = { AWS_ENDPOINT_URL_SFN: account.url, AWS_REGION: "us-east-1" };
  try {
    // Baseline: the same server on an empty store, after the same requests.
    const empty = await startStepscope({ env: { ...env, STEPSCOPE_DATABASE_URL: "memory" } });
    let emptyRss: number;
    try {
      for (let i = 0; i < 3; i++) await timed(`${empty.url}/api/source`);
      emptyRss = rssMb(empty.pid);
    } finally {
      await empty.stop();
    }

    const started = performance.now();
    const server = await startStepscope({ env: { ...env, STEPSCOPE_DATABASE_URL: url } });
    try {
      const firstAnswerMs = await timed(`${server.url}/api/fleet?window=24h`);
      const sinceStartMs = performance.now() - started;
      await fleetWhenComplete(server, COMPLETE_WITHIN_MS);
      const fromRowsS = (performance.now() - started) / 1000;
      // Warm, then interleave the two routes so both see the same machine.
      for (let i = 0; i < 3; i++) {
        await timed(`${server.url}/api/fleet?window=24h`);
        await timed(`${server.url}/api/source`);
      }
      const fleet: number[] = [];
      const source: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        fleet.push(await timed(`${server.url}/api/fleet?window=24h`));
        source.push(await timed(`${server.url}/api/source`));
      }
      // RSS under a steady load, not just after a few answers: the garbage of every answer
      // grows the heap until a full collection, and each window folds a different span.
      let rss = rssMb(server.pid);
      for (const window of SUSTAINED_WINDOWS) {
        for (let i = 0; i < SUSTAINED_REQUESTS; i++) await timed(`${server.url}/api/fleet?window=${window}`);
        rss = Math.max(rss, rssMb(server.pid));
      }
      console.error(`[bench] ${dialect}: first /api/fleet ${firstAnswerMs.toFixed(0)} ms (${(sinceStartMs / 1000).toFixed(1)} s after launch); upstream calls ${JSON.stringify(account.calls)}`);
      return [
        figure(`store ${dialect}: server RSS with ${STORED} stored executions, highest over ${SUSTAINED_WINDOWS.length * SUSTAINED_REQUESTS} more answers (MB)`, rss, "MB", emptyRss, "≤ 300 MB"),
        figure(`store ${dialect}: /api/fleet p50 with ${STORED} stored executions`, median(fleet), "ms", median(source), "≤ 200 ms"),
        figure(`store ${dialect}: first /api/fleet answer after start`, firstAnswerMs, "ms", median(source), "≤ 2,000 ms"),
        figure(`store ${dialect}: first start on rows alone (no column blocks yet): every row complete`, fromRowsS, "s", null, "(once: it writes the blocks a restart reads)"),
      ];
    } catch (error) {
      console.error(`[bench] ${dialect} with the stored executions failed; the server said:\n${(await server.finalOutput()).slice(-4000)}`);
      throw error;
    } finally {
      await server.stop();
    }
  } finally {
    await account.close();
  }
}

/**
 * Restarts on the SQLite store the previous server left (the first measurement), against the
 * account as it is now: it went on starting executions while no server ran, at least
 * MIN_DOWNTIME_MS (waited for when the earlier measurements were quicker).
 */
async function measureRestart(url: string, previous: SyntheticAccountOptions): Promise<Figure[]> {
  const wait = previous.now + MIN_DOWNTIME_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const now = Date.now();
  const downtimeMs = now - previous.now;
  // Same spacing, later: a few new executions per machine on top of the stored ones.
  const perMachineAfter = PER_MACHINE + Math.ceil((PER_MACHINE * downtimeMs) / WEEK);
  const account = await startSyntheticAccount({ machines: MACHINES, perMachine: perMachineAfter, spanMs: (WEEK * perMachineAfter) / PER_MACHINE, now });
  try {
    const started = performance.now();
    const server = await startStepscope({ env: { AWS_ENDPOINT_URL_SFN: account.url, AWS_REGION: "us-east-1", STEPSCOPE_DATABASE_URL: url } });
    try {
      const launchedAt = Date.now();
      const firstAnswerMs = await timed(`${server.url}/api/fleet?window=24h`);
      const loadedMs = (await fleetWhenComplete(server, COMPLETE_WITHIN_MS), performance.now() - started);
      // Listed past the downtime: every machine refreshed since this process started.
      const deadline = Date.now() + 600_000;
      let listedMs = Number.NaN;
      while (Date.now() < deadline) {
        const answer = (await (await fetch(`${server.url}/api/fleet?window=24h&limit=500`)).json()) as FleetResponse;
        if (answer.rows.every((r) => (r.coverage.refreshedAt ?? 0) >= launchedAt && r.coverage.state === "complete")) {
          listedMs = performance.now() - started;
          break;
        }
        await new Promise((r) => setTimeout(r, 1_000));
      }
      const listCalls = account.calls.ListExecutions ?? 0;
      console.error(`[bench] restart after ${(downtimeMs / 60_000).toFixed(1)} min down: first answer ${firstAnswerMs.toFixed(0)} ms; complete from the store ${(loadedMs / 1000).toFixed(1)} s; listed past the downtime ${(listedMs / 1000).toFixed(1)} s; upstream ${JSON.stringify(account.calls)}, throttled ${account.throttled}`);
      return [
        figure(`store restart (${MACHINES} machines × ${PER_MACHINE_LABEL}/week): first /api/fleet answer`, firstAnswerMs, "ms", null, "≤ 2,000 ms"),
        figure(`store restart (${MACHINES} machines × ${PER_MACHINE_LABEL}/week, ${Math.round(downtimeMs / 60_000)} min down): complete from the store`, loadedMs / 1000, "s", null, "≤ 10 s"),
        figure("store restart: every machine listed past the downtime (ListExecutions 200/5 per second)", listedMs / 1000, "s", null, "(quota-bound: 500 calls)"),
        figure("store restart: ListExecutions calls per machine", listCalls / MACHINES, "calls", null, "≤ 2"),
      ];
    } catch (error) {
      console.error(`[bench] restart failed; the server said:\n${(await server.finalOutput()).slice(-4000)}`);
      throw error;
    } finally {
      await server.stop();
    }
  } finally {
    await account.close();
  }
}
