import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { startEmulatorServer, type EmulatorServer } from "@/mocks";
import { startStepscope, type StepscopeServer } from "../support/server";
import { launchChromium, newPage, screenshot, watchPageErrors } from "../support/browser";
import type { Browser } from "playwright-core";

/**
 * A running execution updates without reload. Stepscope runs in emulator mode against the demo
 * account served over HTTP, so the test can start a fresh, long execution (the ETL runs for
 * minutes) and watch the page follow it.
 */
describe("a running execution, live (Chromium, emulator mode)", () => {
  let emulator: EmulatorServer;
  let server: StepscopeServer;
  let browser: Browser;
  beforeAll(async () => {
    emulator = await startEmulatorServer({ port: 0, seed: 7 });
    server = await startStepscope({ env: { AWS_ENDPOINT_URL_SFN: emulator.url } });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await emulator?.close();
  });

  it("gains events and grows its timeline without a reload", async () => {
    const sfn = new SFNClient({ endpoint: emulator.url, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
    const started = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:etl-ingest",
        name: `live-${Date.now()}`,
        input: JSON.stringify({ bucket: "raw-events", prefix: "2026/11/25/" }),
      }),
    );
    const page = await newPage(browser);
    const watch = watchPageErrors(page);
    await page.goto(`${server.url}/executions/${encodeURIComponent(started.executionArn!)}`);
    await page.locator("[data-testid=live-indicator]").waitFor({ timeout: 60_000 });
    const count = async () => Number((await page.locator("[data-testid=event-count]").innerText()).replace(/\D/g, ""));
    const rows = async () => page.locator("[data-testid=timeline-panel] [data-row-kind]").count();
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const firstCount = await count();
    const firstRows = await rows();
    await expect.poll(count, { timeout: 60_000, interval: 1000 }).toBeGreaterThan(firstCount);
    await expect.poll(rows, { timeout: 60_000, interval: 1000 }).toBeGreaterThan(firstRows);
    // Still the same document: a reload would have dropped the marker.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await screenshot(page, "execution-live");
    expect(watch.errors).toEqual([]);
  });
});
