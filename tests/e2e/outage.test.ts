/**
 * Outages surface at once: with the Step Functions endpoint down, or the source throttling, a
 * fresh page shows the problem after its FIRST failed API request — it does not wait out its
 * retries first — and keeps showing it through the retries and polls that follow, never going
 * back to "Loading…". Counted in requests the page made, not in seconds, so a slow machine
 * cannot make it pass or fail; the only clock is the test's safety timeout.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startEmulatorServer, type EmulatorServer } from "@/mocks";
import { launchChromium, newPage, screenshot } from "../support/browser";
import { freePort } from "../support/free-port";
import { startStepscope, type StepscopeServer } from "../support/server";

const NOTICE = "[data-testid=error-notice], [data-testid=execution-problem]";
const LOADING = /Loading state machines|Loading state machine…/;

interface OutageWatch {
  /** Failed API requests (path and query) the page had made when the notice first showed, by request. */
  failedBeforeNotice: Record<string, number>;
  text: string;
  /** Seen by a MutationObserver on every change of the page after the notice first showed. */
  loadingAfter: boolean;
  noticeLost: boolean;
  /** Failed API requests the page made while it was watched after the notice. */
  failedWhileWatched: number;
}

declare global {
  interface Window {
    __outage?: { noticeSeen: boolean; loadingAfter: boolean; noticeLost: boolean };
  }
}

/**
 * Opens `url`, counts the page's failed API requests until the problem notice shows, then
 * watches every DOM change through `furtherFailures` more failed requests (its retries and
 * polls): did the notice ever go away, did "Loading" ever come back?
 */
async function openDuringOutage(page: Page, url: string, furtherFailures = 2): Promise<OutageWatch> {
  const failed: string[] = [];
  let onFailure: (() => void) | undefined;
  const record = (requestUrl: string) => {
    const u = new URL(requestUrl);
    if (!u.pathname.startsWith("/api/")) return;
    failed.push(u.pathname + u.search);
    onFailure?.();
  };
  page.on("response", (response) => {
    if (response.status() >= 400) record(response.url());
  });
  page.on("requestfailed", (request) => record(request.url()));
  await page.addInitScript(
    ({ notice, loading }) => {
      const state = { noticeSeen: false, loadingAfter: false, noticeLost: false };
      window.__outage = state;
      const loadingText = new RegExp(loading);
      const check = () => {
        const shown = document.querySelector(notice) !== null;
        if (shown) state.noticeSeen = true;
        else if (state.noticeSeen) state.noticeLost = true;
        // innerText: what is rendered, not the framework's inline script payloads.
        if (state.noticeSeen && loadingText.test(document.body?.innerText ?? "")) state.loadingAfter = true;
      };
      new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    },
    { notice: NOTICE, loading: LOADING.source },
  );
  await page.goto(url, { waitUntil: "commit" });
  const notice = page.locator(NOTICE).first();
  await notice.waitFor({ timeout: 30_000 });
  const failedBeforeNotice: Record<string, number> = {};
  for (const path of failed) failedBeforeNotice[path] = (failedBeforeNotice[path] ?? 0) + 1;
  const text = await notice.innerText();
  const watchedFrom = failed.length;
  await new Promise<void>((resolve) => {
    onFailure = () => {
      if (failed.length >= watchedFrom + furtherFailures) resolve();
    };
    onFailure();
  });
  onFailure = undefined;
  // The last failure's answer has been rendered (or not) once the page is idle again.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const watch = await page.evaluate(() => window.__outage!);
  return { failedBeforeNotice, text, loadingAfter: watch.loadingAfter, noticeLost: watch.noticeLost, failedWhileWatched: failed.length - watchedFrom };
}

/** The page showed the problem after one failed attempt at each request it made, none retried first. */
function expectShownAfterFirstFailure(seen: OutageWatch, page: string): void {
  const attempts = Object.values(seen.failedBeforeNotice);
  expect(attempts.length, `${page}: failed requests before the notice ${JSON.stringify(seen.failedBeforeNotice)}`).toBeGreaterThan(0);
  for (const [path, count] of Object.entries(seen.failedBeforeNotice)) expect(count, `${page}: ${path} failed ${count} times before the notice showed`).toBe(1);
}

describe("outages (Chromium)", () => {
  const servers: StepscopeServer[] = [];
  let emulator: EmulatorServer | undefined;
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await emulator?.close();
  });

  it("says the endpoint is down after the first failed request, and keeps saying it through retries and polls", async () => {
    const deadPort = await freePort();
    const server = await startStepscope({ env: { AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${deadPort}` } });
    servers.push(server);
    const browser = await launchChromium();
    try {
      const arn = "arn:aws:states:us-east-1:123456789012:stateMachine:order-processing";
      const machineUrl = `${server.url}/state-machines/${encodeURIComponent(arn)}`;
      const executionUrl = `${server.url}/executions/${encodeURIComponent(`${arn.replace(":stateMachine:", ":execution:")}:some-run`)}`;
      // Compile the routes first so the safety timeout covers the outage, not a cold start.
      for (const url of [`${server.url}/`, machineUrl, executionUrl, `${server.url}/api/fleet`]) await fetch(url).catch(() => undefined);

      const page = await newPage(browser);
      const seen = await openDuringOutage(page, `${server.url}/`);
      expectShownAfterFirstFailure(seen, "fleet page");
      expect(seen.text).toContain(`127.0.0.1:${deadPort}`);
      expect(seen.failedWhileWatched).toBeGreaterThanOrEqual(2);
      expect(seen.loadingAfter).toBe(false);
      expect(seen.noticeLost).toBe(false);
      await screenshot(page, "outage-endpoint-down");

      const machine = await openDuringOutage(await newPage(browser), machineUrl);
      expectShownAfterFirstFailure(machine, "state machine page");
      expect(machine.text).toMatch(/not answering|Cannot reach/);
      expect(machine.loadingAfter).toBe(false);
      expect(machine.noticeLost).toBe(false);

      const execution = await openDuringOutage(await newPage(browser), executionUrl);
      expectShownAfterFirstFailure(execution, "execution page");
      expect(execution.text).toMatch(/not answering|Cannot reach/);
      expect(execution.noticeLost).toBe(false);
    } finally {
      await browser.close();
    }
  }, 180_000);

  it("names throttling after the first throttled request when the source throttles", async () => {
    emulator = await startEmulatorServer({ port: 0, seed: 42 });
    emulator.account.setIntercept(() => ({ status: 400, body: { __type: "com.amazonaws.states#ThrottlingException", message: "Rate exceeded" } }));
    const server = await startStepscope({ env: { AWS_ENDPOINT_URL_SFN: emulator.url } });
    servers.push(server);
    const browser = await launchChromium();
    try {
      const page = await newPage(browser);
      await fetch(`${server.url}/api/fleet`).catch(() => undefined);
      const seen = await openDuringOutage(page, `${server.url}/`);
      expectShownAfterFirstFailure(seen, "fleet page");
      expect(seen.text).toMatch(/throttl/i);
      expect(seen.loadingAfter).toBe(false);
      expect(seen.noticeLost).toBe(false);
      await screenshot(page, "outage-throttled");
    } finally {
      await browser.close();
    }
  }, 180_000);
});
