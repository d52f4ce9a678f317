/**
 * What Stepscope costs upstream, against the production build under `next start` on a SQLite
 * store:
 *  - Step Functions calls per minute with nobody watching (the poller's routine), and with each
 *    page open in Chromium: the fleet, a state machine, a failed execution. The account is the
 *    synthetic one of the store bench (token buckets at the default quotas), 25 machines ×
 *    20,000 executions a week written into the store first, as a previous run would have left
 *    them (the routine's calls a minute do not grow with machines: the refresh interval does).
 *    The routine refreshes every machine once per interval, in a burst: each window is three
 *    intervals long and starts half an interval after a burst, so it holds exactly three (a
 *    window of any other length measured the bursts, not the page).
 *  - the cold read of a 25,000-event history from the server's side: `GET …/history` on a
 *    server that has never read it (from Step Functions, 25 pages of 1,000 events), and on a
 *    restarted one that read it before (from the store), against the bench process fetching
 *    the same 25 pages itself (what no server can avoid). Rounds interleave the three.
 * STEPSCOPE_BENCH_QUICK=1: 10 machines (shorter intervals, so shorter windows).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
// @ts-expect-error: a plain .mjs helper shared with npm start and npm test
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
import type { FleetResponse } from "@/lib/contract/api";
import { launchChromium, newPage } from "../support/browser";
import { startBigHistoryEndpoint, type BigHistoryEndpoint } from "../support/big-history-endpoint";
import { distDir, startStepscope, type StepscopeServer } from "../support/server";
import { startSyntheticAccount, syntheticExecution, syntheticMachineArn, type SyntheticAccount } from "../support/synthetic-account";
import { DEFAULT_FLEET_LIMITS, refreshIntervalFor } from "@/lib/server/fleet/limits";
import { median, figure, type Figure } from "./figure";
import { generate } from "./store.bench";

const QUICK = process.env.STEPSCOPE_BENCH_QUICK === "1";
const MACHINES = QUICK ? 10 : 25;
const PER_MACHINE = 20_000;
const INTERVAL_MS = refreshIntervalFor(MACHINES, DEFAULT_FLEET_LIMITS);
const WINDOW_MS = 3 * INTERVAL_MS;
const WEEK = 7 * 86_400_000;
const HISTORY_ROUNDS = 3;

export async function figures(): Promise<Figure[]> {
  buildIfStale(distDir());
  const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-bench-upstream-"));
  try {
    return [...(await callsPerMinute(tmp)), ...(await coldHistoryRead(tmp))];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function callsPerMinute(tmp: string): Promise<Figure[]> {
  const url = `sqlite:${path.join(tmp, "calls.db")}`;
  const options = { machines: MACHINES, perMachine: PER_MACHINE, spanMs: WEEK, now: Date.now() };
  await generate(url, options, options.now);
  const account = await startSyntheticAccount(options);
  const server = await startStepscope({ env: { AWS_ENDPOINT_URL_SFN: account.url, AWS_REGION: "us-east-1", STEPSCOPE_DATABASE_URL: url } });
  const browser = await launchChromium();
  try {
    await settled(server);
    const failed = Array.from({ length: 40 }, (_, j) => syntheticExecution(options, 0, j)).find((e) => e.status === "FAILED")!;
    const pages: { name: string; path: string }[] = [
      { name: "the fleet page", path: "/" },
      { name: "a state machine page", path: `/state-machines/${encodeURIComponent(syntheticMachineArn(0))}` },
      { name: "a failed execution's page", path: `/executions/${encodeURIComponent(failed.arn)}` },
    ];
    const out: Figure[] = [];
    // Every machine was just listed (the last burst): the next bursts come one interval apart.
    await pause(INTERVAL_MS / 2);
    const nobody = await perMinute(account, () => pause(WINDOW_MS));
    out.push(figure(`upstream: Step Functions calls per minute with nobody watching (${MACHINES} machines; the poller's routine, ListExecutions refills 300 a minute)`, nobody.total, "calls", null, "report"));
    console.error(`[bench] upstream calls per minute with nobody watching: ${JSON.stringify(nobody.byOperation)}`);
    for (const open of pages) {
      const page = await newPage(browser);
      const withPage = await perMinute(account, async () => {
        await page.goto(`${server.url}${open.path}`);
        await pause(WINDOW_MS);
      });
      await page.context().close();
      console.error(`[bench] upstream calls per minute with ${open.name} open: ${JSON.stringify(withPage.byOperation)}`);
      out.push(figure(`upstream: Step Functions calls per minute with ${open.name} open (${MACHINES} machines × 20,000/week; baseline: nobody watching)`, withPage.total, "calls", nobody.total, "report"));
    }
    return out;
  } finally {
    await browser.close();
    await server.stop();
    await account.close();
  }
}

/** Waits until every machine is complete and listed once by this process: its start-up burst is over. */
async function settled(server: StepscopeServer): Promise<void> {
  const launchedAt = Date.now();
  const deadline = launchedAt + 300_000;
  for (;;) {
    const answer = (await (await fetch(`${server.url}/api/fleet?window=24h&limit=500`)).json()) as FleetResponse;
    if (answer.total >= MACHINES && answer.rows.every((r) => r.coverage.state === "complete" && (r.coverage.refreshedAt ?? 0) >= launchedAt)) return;
    if (Date.now() > deadline) throw new Error("the fleet did not settle within 300 s");
    await pause(1_000);
  }
}

async function perMinute(account: SyntheticAccount, during: () => Promise<void>): Promise<{ total: number; byOperation: Record<string, number> }> {
  account.resetCounts();
  const t0 = performance.now();
  await during();
  const minutes = (performance.now() - t0) / 60_000;
  const byOperation = Object.fromEntries(Object.entries(account.calls).map(([op, n]) => [op.replace(/^GraniteServiceVersion20100801\./, "CloudWatch."), round(n / minutes)]));
  return { total: round(Object.values(account.calls).reduce((a, b) => a + b, 0) / minutes), byOperation };
}

async function coldHistoryRead(tmp: string): Promise<Figure[]> {
  const endpoint = await startBigHistoryEndpoint();
  const env = { AWS_ENDPOINT_URL_SFN: endpoint.url, AWS_REGION: "us-east-1" };
  const fromStepFunctions: number[] = [];
  const fromStore: number[] = [];
  const pages: number[] = [];
  try {
    // Warm-up round, not counted: the bench's own fetch path and the server's route code.
    await fetchPages(endpoint);
    for (let round = 0; round <= HISTORY_ROUNDS; round++) {
      const db = `sqlite:${path.join(tmp, `history-${round}.db`)}`;
      const raw = await fetchPages(endpoint);
      const cold = await readOnFreshServer(endpoint, { ...env, STEPSCOPE_DATABASE_URL: db });
      const kept = await readOnFreshServer(endpoint, { ...env, STEPSCOPE_DATABASE_URL: db });
      if (round === 0) continue;
      pages.push(raw);
      fromStepFunctions.push(cold.ms);
      fromStore.push(kept.ms);
      if (kept.calls !== 0) throw new Error(`the restarted server called GetExecutionHistory ${kept.calls} times for a history it kept`);
    }
  } finally {
    await endpoint.stop();
  }
  const events = endpoint.events.length.toLocaleString("en");
  return [
    figure(`upstream: cold read of a ${events}-event history, server that never read it (from Step Functions; baseline: the bench fetching the same 25 pages itself)`, median(fromStepFunctions), "ms", median(pages), "report"),
    figure(`upstream: cold read of the ${events}-event history after a restart (from the store, no call; baseline: those 25 pages)`, median(fromStore), "ms", median(pages), "report"),
  ];
}

/** GET …/history of the big execution on a server started for it (route warmed on another ARN first). */
async function readOnFreshServer(endpoint: BigHistoryEndpoint, env: Record<string, string>): Promise<{ ms: number; calls: number }> {
  const server = await startStepscope({ env });
  try {
    const other = endpoint.executionArn.replace(/:[^:]+$/, ":not-this-one");
    await (await fetch(`${server.url}/api/executions/${encodeURIComponent(other)}/history`)).arrayBuffer();
    const before = endpoint.calls.GetExecutionHistory ?? 0;
    const t0 = performance.now();
    const r = await fetch(`${server.url}/api/executions/${encodeURIComponent(endpoint.executionArn)}/history`);
    await r.arrayBuffer();
    if (!r.ok) throw new Error(`the history answered ${r.status}`);
    return { ms: performance.now() - t0, calls: (endpoint.calls.GetExecutionHistory ?? 0) - before };
  } finally {
    await server.stop();
  }
}

/** The 25 GetExecutionHistory pages of 1,000, fetched and parsed by this process, one after another. */
async function fetchPages(endpoint: BigHistoryEndpoint): Promise<number> {
  const t0 = performance.now();
  let nextToken: string | undefined;
  do {
    const r = await fetch(endpoint.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AWSStepFunctions.GetExecutionHistory" },
      body: JSON.stringify({ executionArn: endpoint.executionArn, maxResults: 1000, nextToken }),
    });
    nextToken = ((await r.json()) as { nextToken?: string }).nextToken;
  } while (nextToken);
  return performance.now() - t0;
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const round = (n: number) => Math.round(n * 10) / 10;
