import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, newPage, screenshot, watchPageErrors } from "../support/browser";
import { seedExpressOnMoto, type SeededExpress } from "../support/express-moto-seed";
import { shouldRunMotoTests, startMoto, type MotoServer } from "../support/moto";
import { startStepscope, type StepscopeServer } from "../support/server";

/**
 * An Express machine on moto in Chromium: its records and metrics put through moto's own
 * CloudWatch Logs and CloudWatch, shown on the fleet, state machine and execution pages.
 */
describe.skipIf(!shouldRunMotoTests())("Express machine on moto (Chromium)", () => {
  let moto: MotoServer;
  let stepscope: StepscopeServer;
  let browser: Browser;
  let seeded: SeededExpress;
  const url = (path: string) => `${stepscope.url}${path}`;

  beforeAll(async () => {
    moto = await startMoto();
    seeded = await seedExpressOnMoto(moto.url);
    stepscope = await startStepscope({
      env: { AWS_ENDPOINT_URL_SFN: moto.url, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_REGION: "us-east-1", STEPSCOPE_SFN_MAX_ATTEMPTS: "1" },
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stepscope?.stop();
    await moto?.stop();
  });

  it("shows the fleet row, the state machine page and a complete execution page", async () => {
    const page = await newPage(browser);
    const watch = watchPageErrors(page);
    await page.goto(url("/?window=1h"));
    const row = page.locator("[data-testid=state-machine-row][data-name=clicks]");
    await row.waitFor({ timeout: 60_000 });
    await expect(row.locator("[data-col=started]").innerText()).resolves.toBe("3");
    await expect(row.locator("[data-col=failed]").innerText()).resolves.toBe("2");
    await expect(row.locator("[data-col=p90]").innerText()).resolves.toBe("77 ms");
    await screenshot(page, "express-moto-fleet");

    await page.goto(url(`/state-machines/${encodeURIComponent(seeded.machineArn)}?window=1h`));
    await page.locator("[data-testid=machine-charts]").waitFor({ timeout: 60_000 });
    const rows = page.locator("[data-testid=execution-row]");
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    await expect(page.locator("[data-testid=express-logs-note]").innerText()).resolves.toContain("1 log record was not");
    // Three executions in an hour of one-minute buckets: single points, drawn as dots rather than lost.
    await expect.poll(() => page.locator("[data-testid=machine-charts] [data-testid=isolated-point]").count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, "express-moto-machine");

    await rows.filter({ hasText: "fail-1" }).getByRole("link", { name: "fail-1", exact: true }).click();
    const detail = page.locator("[data-testid=state-detail]");
    await expect.poll(() => detail.getAttribute("data-path"), { timeout: 60_000 }).toBe("Forward");
    await page.locator("[data-testid=timeline-panel]").waitFor();
    await expect(page.locator("[data-testid=event-count]").innerText()).resolves.toBe("11 events");
    await screenshot(page, "express-moto-execution");
    expect(watch.errors).toEqual([]);
  }, 120_000);

  it("shows what is left of an execution whose oldest records expired, and says so", async () => {
    const page = await newPage(browser);
    await page.goto(url(`/executions/${encodeURIComponent(seeded.expired)}`));
    const note = page.locator("[data-testid=express-logs-note]");
    await note.waitFor({ timeout: 60_000 });
    await expect(note.innerText()).resolves.toMatch(/Events 1–3 of this execution are no longer in/);
    await page.locator("[data-testid=events-panel]").waitFor();
    await expect(page.locator("[data-testid=event-count]").innerText()).resolves.toBe("8 events");
    await screenshot(page, "express-moto-expired");
  }, 120_000);
});
