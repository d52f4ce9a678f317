/**
 * The execution page with a 25,000-event history (a Map of ~2,000 iterations), in Chromium
 * against the production build, as issue 6 asks:
 *  - interactive: from the history response arriving in the browser until the timeline rows
 *    and the events table are on screen and the main thread has been quiet (no long task)
 *    for a while; baseline: the same page's `JSON.parse` of that response's text;
 *  - selection: from a click on a timeline row until the state detail panel shows that run;
 *    baseline: one animation frame in the same page.
 * The build is `STEPSCOPE_DIST_DIR` (default `.next-test`), made here when missing.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchChromium, newPage, screenshot } from "../support/browser";
import { startBigHistoryEndpoint } from "../support/big-history-endpoint";
import { distDir, startStepscope } from "../support/server";
import { median, type Figure, figure } from "./figure";

const LOADS = 3;
const SELECTIONS_PER_KIND = 5;
/** How long the main thread must stay free of long tasks before the page counts as interactive. */
const QUIET_MS = 1_000;
const LOAD_TIMEOUT_MS = 120_000;

export async function figures(): Promise<Figure[]> {
  ensureBuild(distDir());
  const endpoint = await startBigHistoryEndpoint();
  const server = await startStepscope({ env: { AWS_ENDPOINT_URL_SFN: endpoint.url, AWS_REGION: "us-east-1" } }).catch(async (err) => {
    await endpoint.stop();
    throw err;
  });
  const browser = await launchChromium().catch(async (err) => {
    await server.stop();
    await endpoint.stop();
    throw err;
  });
  try {
    const url = `${server.url}/executions/${encodeURIComponent(endpoint.executionArn)}`;
    // The server reads the history from the endpoint once (25 pages) and keeps it; that is
    // the data layer's cost, not the page's, so it is paid before anything is timed.
    await fetch(`${server.url}/api/executions/${encodeURIComponent(endpoint.executionArn)}/history`).then((r) => r.arrayBuffer());

    const loads: LoadTiming[] = [];
    let last: Page | undefined;
    for (let i = 0; i < LOADS; i++) {
      await last?.context().close();
      last = await newPage(browser);
      loads.push(await timeLoad(last, url));
    }
    const page = last as Page;
    await screenshot(page, "execution-25k-arrival");
    // A selection only changes `?state=`: any request to the server on the way is a round trip
    // the person waits for (a router navigation fetching the page's server payload).
    let roundTrips = 0;
    page.on("request", (request) => {
      if (request.headers()["rsc"] === "1" || request.url().includes("_rsc=")) roundTrips++;
    });
    const topLevel = await timeSelections(page, "top");
    await expandMap(page);
    await screenshot(page, "execution-25k-map-expanded");
    const iterations = await timeSelections(page, "iteration");
    await page.locator('[aria-label="History events"] [role=row][aria-expanded]').first().scrollIntoViewIfNeeded();
    await screenshot(page, "execution-25k-events");
    const frameMs = await frameRoundTrip(page);

    const interactive = median(loads.map((l) => l.interactiveMs));
    const parse = median(loads.map((l) => l.parseMs));
    const busy = median(loads.map((l) => l.longTaskMs));
    const bytes = loads[0].bytes;
    const selection = [...topLevel, ...iterations];
    return [
      figure(
        `execution page: interactive after the ${(bytes / 1e6).toFixed(1)} MB, ${endpoint.events.length}-event history arrives (baseline: JSON.parse of it in the page)`,
        interactive,
        "ms",
        parse,
        "≤ 1500 ms",
      ),
      figure("execution page: main-thread long tasks after the history arrives (baseline: JSON.parse)", busy, "ms", parse, "≤ 1500 ms"),
      figure(`execution page: select a top-level state until its detail shows, median of ${topLevel.length} (baseline: one frame)`, median(topLevel), "ms", frameMs, "≤ 100 ms"),
      figure(`execution page: select a Map iteration's state until its detail shows, median of ${iterations.length} (baseline: one frame)`, median(iterations), "ms", frameMs, "≤ 100 ms"),
      figure(`execution page: slowest of ${selection.length} selections (baseline: one frame)`, Math.max(...selection), "ms", frameMs, "≤ 100 ms"),
      figure(`execution page: server round trips per selection (router navigations), over ${selection.length}`, roundTrips / selection.length, "requests", null, "0"),
    ];
  } finally {
    await browser.close();
    await server.stop();
    await endpoint.stop();
  }
}

function ensureBuild(dist: string): void {
  if (existsSync(path.join(dist, "BUILD_ID"))) return;
  console.error(`[bench] no production build in ${dist}/: building it (a few minutes)…`);
  const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, STEPSCOPE_DIST_DIR: dist, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build into ${dist} failed (exit ${result.status}); see above`);
}

interface LoadTiming {
  interactiveMs: number;
  longTaskMs: number;
  parseMs: number;
  bytes: number;
}

/**
 * Installed before the page's own scripts: records long tasks and the first frame on which
 * both the timeline rows and the events table rows exist. Written as a string so that the
 * bundler of this file cannot rewrite it.
 */
const PROBE = `
(() => {
  // tsx keeps function names through a helper that the functions given to page.evaluate call.
  window.__name = window.__name || ((fn) => fn);
  const perf = { longTasks: [], renderedAt: undefined };
  window.__stepscopePerf = perf;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) perf.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
  const check = () => {
    const timeline = document.querySelector("[data-timeline-rows] [data-row-kind]");
    const events = document.querySelector('[aria-label="History events"] [role=row][aria-expanded]');
    if (timeline && events) perf.renderedAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();
`;

async function timeLoad(page: Page, url: string): Promise<LoadTiming> {
  await page.addInitScript({ content: PROBE });
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.waitForFunction(
    (quietMs) => {
      const perf = (window as unknown as { __stepscopePerf?: { longTasks: number[][]; renderedAt?: number } }).__stepscopePerf;
      if (!perf || perf.renderedAt === undefined) return false;
      const lastEnd = Math.max(perf.renderedAt, ...perf.longTasks.map(([start, duration]) => start + duration));
      return performance.now() - lastEnd > quietMs;
    },
    QUIET_MS,
    { timeout: LOAD_TIMEOUT_MS, polling: 100 },
  );
  return page.evaluate(async () => {
    const perf = (window as unknown as { __stepscopePerf: { longTasks: number[][]; renderedAt: number } }).__stepscopePerf;
    const entry = performance
      .getEntriesByType("resource")
      .find((e) => /\/api\/executions\/[^/]+\/history/.test(e.name)) as PerformanceResourceTiming | undefined;
    if (!entry) throw new Error("the page never asked for the history");
    const arrived = entry.responseEnd;
    const after = perf.longTasks.filter(([start, duration]) => start + duration > arrived);
    const lastBusy = Math.max(perf.renderedAt, ...after.map(([start, duration]) => start + duration));
    const longTaskMs = after.reduce((sum, [start, duration]) => sum + (start + duration - Math.max(start, arrived)), 0);
    const text = await (await fetch(entry.name)).text();
    const parses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      JSON.parse(text);
      parses.push(performance.now() - t0);
    }
    parses.sort((a, b) => a - b);
    return { interactiveMs: lastBusy - arrived, longTaskMs, parseMs: parses[2], bytes: text.length };
  });
}

/**
 * Clicks rows' labels one after the other and times each until the detail panel shows that
 * run, polled once per frame (what a person would see). The page is let settle in between.
 */
async function timeSelections(page: Page, kind: "top" | "iteration"): Promise<number[]> {
  const paths = await page.evaluate(
    ({ kind, count }) => {
      const rows = [...document.querySelectorAll<HTMLElement>("[data-timeline-rows] [data-run-path]")];
      const current = document.querySelector("[data-testid=state-detail]")?.getAttribute("data-path");
      return rows
        .map((row) => row.dataset.runPath as string)
        .filter((p) => p !== current && (kind === "top" ? !p.includes("/") : p.includes("/iteration")))
        .slice(0, count);
    },
    { kind, count: SELECTIONS_PER_KIND },
  );
  if (paths.length === 0) throw new Error(`no ${kind} rows to select in the timeline`);
  const times: number[] = [];
  for (const runPath of paths) {
    await settle(page);
    times.push(
      await page.evaluate(async (runPath) => {
        const row = [...document.querySelectorAll<HTMLElement>("[data-timeline-rows] [data-run-path]")].find((r) => r.dataset.runPath === runPath);
        const label = row ? [...row.querySelectorAll("button")].find((b) => !b.hasAttribute("aria-expanded")) : undefined;
        if (!label) throw new Error(`the timeline row ${runPath} is gone`);
        const selector = `[data-testid=state-detail][data-path="${CSS.escape(runPath)}"]`;
        const t0 = performance.now();
        label.click();
        return new Promise<number>((resolve, reject) => {
          const giveUp = setTimeout(() => reject(new Error(`${runPath} was never shown in the state detail`)), 10_000);
          const check = () => {
            if (document.querySelector(selector)) {
              clearTimeout(giveUp);
              resolve(performance.now() - t0);
            } else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        });
      }, runPath),
    );
  }
  return times;
}

async function expandMap(page: Page): Promise<void> {
  const chevron = page.locator('[data-timeline-rows] button[aria-expanded="false"]').first();
  await chevron.click();
  await page.locator('[data-timeline-rows] [data-row-kind="iteration"]').first().waitFor({ timeout: 30_000 });
  await settle(page);
}

/** Waits until two frames in a row come quickly, i.e. nothing is still rendering. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(150);
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = performance.now();
        let calm = 0;
        const tick = () => {
          const now = performance.now();
          calm = now - last < 40 ? calm + 1 : 0;
          last = now;
          if (calm >= 5) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

async function frameRoundTrip(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const gaps: number[] = [];
        let last = -1;
        const tick = (t: number) => {
          if (last >= 0) gaps.push(t - last);
          last = t;
          if (gaps.length < 21) requestAnimationFrame(tick);
          else resolve(gaps.sort((a, b) => a - b)[10]);
        };
        requestAnimationFrame(tick);
      }),
  );
}

