/**
 * The fleet's CloudWatch figures on a shared store: only the poller lease holder calls
 * GetMetricData, once a minute at most per window someone looks at, and every instance
 * answers from what it stored. In-process: real SDK clients → msw → the demo account's
 * CloudWatch, which counts the calls; a minute passing is the stored figures growing a minute
 * older by the database's clock.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseConfig } from "@/lib/config/env";
import type { FleetRow } from "@/lib/contract/api";
import { resolveWindow, type ResolvedWindow } from "@/lib/metrics";
import { createSfnContext, listStateMachines, type SfnContext } from "@/lib/sfn";
import { DEFAULT_FLEET_LIMITS } from "@/lib/server/fleet";
import { FIGURES_LOADING, SharedMetricFigures } from "@/lib/server/shared-metric-figures";
import { openStore, parseDatabaseUrl, type Store } from "@/lib/store";
import { createDemoAccount, createDemoHandlers } from "@/mocks";

const clock = Date.UTC(2026, 10, 25, 19, 0, 0);
/** The instances' clock: the account stays at `clock`, the pages' windows move on with this. */
let now = clock;
const account = createDemoAccount({ seed: 42, clock: () => clock });
const server = setupServer(...createDemoHandlers(account));
const tmp = mkdtempSync(path.join(tmpdir(), "stepscope-figures-"));
const GET_METRIC_DATA = "GraniteServiceVersion20100801.GetMetricData";
let files = 0;

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => {
  server.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** The fleet's rows as the index gives them: Express rows without numbers, Standard ones listed. */
async function rowsFor(ctx: SfnContext, window: ResolvedWindow): Promise<FleetRow[]> {
  return (await listStateMachines(ctx)).map((m) => ({
    arn: m.arn,
    name: m.name,
    type: m.type,
    createdAt: m.createdAt,
    coverage: { partial: false, indexed: 1, state: "complete" as const },
    ...(m.type === "STANDARD" ? { summary: { window } as FleetRow["summary"] } : {}),
  }));
}

interface Instance {
  ctx: SfnContext;
  store: Store;
  figures: SharedMetricFigures;
  /** The fleet page's answer over the window. */
  ask(window: ResolvedWindow): Promise<FleetRow[]>;
}

/** `n` instances on one store; the first holds the poller lease. */
async function instances(n: number): Promise<Instance[]> {
  const location = parseDatabaseUrl(`sqlite:${path.join(tmp, `db-${++files}.db`)}`, tmp);
  const out: Instance[] = [];
  for (let i = 0; i < n; i++) {
    const ctx = createSfnContext(parseConfig({ STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => now });
    const store = await openStore(location);
    const figures = new SharedMetricFigures(store, { mayRead: () => i === 0, machines: () => listStateMachines(ctx), horizonMs: DEFAULT_FLEET_LIMITS.horizonMs });
    out.push({ ctx, store, figures, ask: async (window) => figures.withFigures(ctx, await rowsFor(ctx, window), window) });
  }
  return out;
}

/** A minute passes for the stored figures (and for whoever asked for them). */
async function aMinutePasses(store: Store): Promise<void> {
  now += 60_000;
  await store.db.updateTable("metric_figures").set((eb) => ({ read_at: eb("read_at", "-", 60_000) })).execute();
}

/**
 * Every instance opens the fleet page (24 h and 30 d) and looks again and again; a minute
 * passes; they look again. The holder's background round runs between looks, as it would.
 */
async function aFewMinutesOfDashboards(group: Instance[]): Promise<{ calls: number; rows: FleetRow[][] }> {
  account.resetCallCounts();
  now = clock;
  let rows: FleetRow[][] = [];
  for (let minute = 0; minute < 3; minute++) {
    const windows = [resolveWindow("24h", now), resolveWindow("30d", now)];
    for (let look = 0; look < 3; look++) {
      // The other instances first: their first look comes before the holder ever read anything.
      for (const instance of [...group.slice(1), group[0]]) for (const w of windows) await instance.ask(w);
      await group[0].figures.round(group[0].ctx);
    }
    rows = await Promise.all(group.map((g) => g.ask(windows[0])));
    await aMinutePasses(group[0].store);
  }
  return { calls: account.callCounts()[GET_METRIC_DATA] ?? 0, rows };
}

describe("CloudWatch figures on a shared store", () => {
  it("cost three instances the GetMetricData calls of one, and every instance shows the holder's figures", async () => {
    const one = await instances(1);
    const three = await instances(3);
    try {
      const alone = await aFewMinutesOfDashboards(one);
      const shared = await aFewMinutesOfDashboards(three);
      // Two windows, read again once a minute: three reads each, one call a read (the demo has a handful of machines).
      expect(alone.calls).toBe(6);
      expect(shared.calls).toBe(alone.calls);

      const express = (rows: FleetRow[]) => rows.filter((r) => r.type === "EXPRESS");
      for (const rows of shared.rows) {
        expect(express(rows).length).toBeGreaterThan(0);
        for (const row of express(rows)) {
          expect(row.figuresFrom).toBe("metrics");
          expect(row.summary!.started).toBeGreaterThan(0);
        }
        expect(express(rows).map((r) => r.summary)).toEqual(express(alone.rows[0]).map((r) => r.summary));
      }
    } finally {
      await Promise.all([...one, ...three].map((i) => i.store.close()));
    }
  }, 120_000);

  it("read nothing while nobody looks, and say loading on an instance the holder has not served yet", async () => {
    const [holder, other] = await instances(2);
    try {
      account.resetCallCounts();
      const window = resolveWindow("24h", clock);
      // Nobody asked yet: the holder's rounds call nothing.
      await holder.figures.round(holder.ctx);
      expect(account.callCounts()[GET_METRIC_DATA]).toBeUndefined();
      // The first look at another instance: nothing read yet, and it calls nothing itself.
      const first = await other.ask(window);
      const waiting = first.filter((r) => r.type === "EXPRESS");
      expect(waiting.length).toBeGreaterThan(0);
      expect(waiting.map((r) => [r.coverage.state, r.unavailable])).toEqual(waiting.map(() => ["loading", FIGURES_LOADING]));
      expect(account.callCounts()[GET_METRIC_DATA]).toBeUndefined();
      // The holder's next round reads what was asked for; the other instance then shows it.
      await holder.figures.round(holder.ctx);
      expect(account.callCounts()[GET_METRIC_DATA]).toBe(1);
      expect((await other.ask(window)).filter((r) => r.type === "EXPRESS").every((r) => r.figuresFrom === "metrics")).toBe(true);
      // Five minutes without anyone looking: no more reads, however stale the figures grow.
      await holder.store.db.updateTable("metric_demand").set((eb) => ({ asked_at: eb("asked_at", "-", 6 * 60_000) })).execute();
      await aMinutePasses(holder.store);
      await holder.figures.round(holder.ctx);
      expect(account.callCounts()[GET_METRIC_DATA]).toBe(1);
    } finally {
      await Promise.all([holder.store.close(), other.store.close()]);
    }
  }, 120_000);

  it("answer by the deadline while CloudWatch is slow, and show what it read in the next answer", async () => {
    const [holder] = await instances(1);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = false;
    // GetMetricData waits until released; every other call (and then this one) goes on to the demo account.
    server.use(
      http.all("*", async ({ request }) => {
        if (!request.headers.get("x-amz-target")?.endsWith(".GetMetricData")) return;
        asked = true;
        await held;
      }),
    );
    try {
      now = clock;
      const window = resolveWindow("24h", now);
      const rows = await rowsFor(holder.ctx, window);
      const first = await holder.figures.withFigures(holder.ctx, rows, window, performance.now() + 200);
      // Answered while CloudWatch still holds the read: the Express rows say their figures are on the way.
      expect(asked).toBe(true);
      const waiting = first.filter((r) => r.type === "EXPRESS");
      expect(waiting.length).toBeGreaterThan(0);
      expect(waiting.map((r) => [r.coverage.state, r.unavailable])).toEqual(waiting.map(() => ["loading", FIGURES_LOADING]));
      // The read went on: once CloudWatch answers, the next answer has its figures.
      release();
      await vi.waitFor(async () => {
        const next = await holder.figures.withFigures(holder.ctx, rows, window, performance.now() + 200);
        expect(next.filter((r) => r.type === "EXPRESS").every((r) => r.figuresFrom === "metrics")).toBe(true);
      }, { timeout: 30_000, interval: 100 });
    } finally {
      release();
      server.resetHandlers();
      await holder.store.close();
    }
  }, 120_000);

  it("serve the state machine page from what the holder read within the minute", async () => {
    const [holder, other] = await instances(2);
    try {
      const window = resolveWindow("24h", clock);
      await holder.ask(window);
      const express = (await rowsFor(holder.ctx, window)).find((r) => r.type === "EXPRESS")!;
      account.resetCallCounts();
      const page = await other.figures.machineMetrics(other.ctx, express.arn, window);
      expect(page.figuresFrom).toBe("metrics");
      expect(page.buckets.length).toBeGreaterThan(0);
      expect(account.callCounts()[GET_METRIC_DATA]).toBeUndefined();
      // Older than a minute: the page reads its own.
      await aMinutePasses(holder.store);
      await other.figures.machineMetrics(other.ctx, express.arn, window);
      expect(account.callCounts()[GET_METRIC_DATA]).toBe(1);
    } finally {
      await Promise.all([holder.store.close(), other.store.close()]);
    }
  }, 120_000);
});
