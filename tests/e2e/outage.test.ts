/**
 * Outages surface at once: with the Step Functions endpoint down, a fresh page says so within
 * 3 s and keeps saying so (no flipping back to "Loading…" on each poll); with the source
 * throttling, the notice names throttling within 5 s.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startEmulatorServer, type EmulatorServer } from "@/mocks";
import { launchChromium, newPage, screenshot } from "../support/browser";
import { freePort } from "../support/free-port";
import { startStepscope, type StepscopeServer } from "../support/server";

/** Milliseconds from navigation until the first error notice, then the page watched for `watchMs`: did "Loading" ever come back? */
async function timeToNotice(page: Page, url: string, watchMs: number): Promise<{ ms: number; text: string; loadingAfter: boolean; noticeLost: boolean }> {
  const started = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  const notice = page.locator("[data-testid=error-notice], [data-testid=execution-problem]").first();
  await notice.waitFor({ timeout: 30_000 });
  const ms = Date.now() - started;
  const text = await notice.innerText();
  let loadingAfter = false;
  let noticeLost = false;
  for (const end = Date.now() + watchMs; Date.now() < end; ) {
    await page.waitForTimeout(250);
    if (await page.getByText(/Loading state machines|Loading state machine…/).count()) loadingAfter = true;
    if ((await page.locator("[data-testid=error-notice], [data-testid=execution-problem]").count()) === 0) noticeLost = true;
  }
  return { ms, text, loadingAfter, noticeLost };
}

describe("outages (Chromium)", () => {
  const servers: StepscopeServer[] = [];
  let emulator: EmulatorServer | undefined;
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await emulator?.close();
  });

  it("says the endpoint is down within 3 s of opening the page, and keeps saying it", async () => {
    const deadPort = await freePort();
    const server = await startStepscope({ env: { AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${deadPort}` } });
    servers.push(server);
    const browser = await launchChromium();
    try {
      const page = await newPage(browser);
      // Warm the server's routes (pages and API) so the measure is the outage, not a cold start.
      const arn = "arn:aws:states:us-east-1:123456789012:stateMachine:order-processing";
      const machineUrl = `${server.url}/state-machines/${encodeURIComponent(arn)}`;
      const executionUrl = `${server.url}/executions/${encodeURIComponent(`${arn.replace(":stateMachine:", ":execution:")}:some-run`)}`;
      for (const url of [`${server.url}/`, machineUrl, executionUrl, `${server.url}/api/fleet`]) await fetch(url).catch(() => undefined);
      const seen = await timeToNotice(page, `${server.url}/`, 12_000);
      expect(seen.ms, "fleet page").toBeLessThan(3_000);
      expect(seen.text).toContain(`127.0.0.1:${deadPort}`);
      expect(seen.loadingAfter).toBe(false);
      expect(seen.noticeLost).toBe(false);
      await screenshot(page, "outage-endpoint-down");
      // A state machine page says it too.
      const machine = await newPage(browser);
      const onMachine = await timeToNotice(machine, machineUrl, 6_000);
      expect(onMachine.ms, "state machine page").toBeLessThan(3_000);
      expect(onMachine.text).toMatch(/not answering|Cannot reach/);
      expect(onMachine.loadingAfter).toBe(false);
      // And an execution page.
      const execution = await newPage(browser);
      const onExecution = await timeToNotice(execution, executionUrl, 3_000);
      expect(onExecution.ms, "execution page").toBeLessThan(3_000);
      expect(onExecution.text).toMatch(/not answering|Cannot reach/);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("names throttling within 5 s when the source throttles", async () => {
    emulator = await startEmulatorServer({ port: 0, seed: 42 });
    emulator.account.setIntercept(() => ({ status: 400, body: { __type: "com.amazonaws.states#ThrottlingException", message: "Rate exceeded" } }));
    // One SDK attempt: the server answers THROTTLED at once (as its fast-fail on throttling does),
    // so what is measured is the page: it must show the first answer, not wait out its retries.
    const server = await startStepscope({ env: { AWS_ENDPOINT_URL_SFN: emulator.url, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" } });
    servers.push(server);
    const browser = await launchChromium();
    try {
      const page = await newPage(browser);
      await fetch(`${server.url}/api/fleet`).catch(() => undefined);
      const seen = await timeToNotice(page, `${server.url}/`, 6_000);
      expect(seen.ms).toBeLessThan(5_000);
      expect(seen.text).toMatch(/throttl/i);
      expect(seen.loadingAfter).toBe(false);
      await screenshot(page, "outage-throttled");
    } finally {
      await browser.close();
    }
  }, 120_000);
});
