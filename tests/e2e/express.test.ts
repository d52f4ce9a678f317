import { describe, expect, it } from "vitest";
import type { ExecutionsResponse, FleetResponse } from "@/lib/contract/api";
import { newPage, screenshot, watchPageErrors } from "../support/browser";
import { executionPath, stateMachineArn, useDemoSite } from "./demo-site";

/**
 * The demo's Express machine in Chromium: a fleet row with numbers from CloudWatch metrics, a
 * state machine page with charts and the list read from CloudWatch Logs, and an execution page
 * with graph, timeline and events like a Standard one.
 */
describe("Express machine (Chromium, demo mode)", () => {
  const site = useDemoSite();

  it("has a fleet row with numbers and a state machine page with charts and a list", async () => {
    const fleet = await site.api<FleetResponse>("/api/fleet?window=1h");
    const row = fleet.rows.find((r) => r.name === "clickstream-enricher")!;
    expect(row.figuresFrom).toBe("metrics");
    expect(row.summary!.started).toBeGreaterThan(0);

    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    const arn = await stateMachineArn(site, "clickstream-enricher");
    await page.goto(site.url(`/state-machines/${encodeURIComponent(arn)}?window=1h`));
    const charts = page.locator("[data-testid=machine-charts]");
    await charts.waitFor({ timeout: 60_000 });
    await expect(charts.getAttribute("data-figures-from")).resolves.toBe("metrics");
    await expect(page.locator("[data-testid=figures-from-metrics]").innerText()).resolves.toContain("CloudWatch metrics");
    const started = await page.locator("[data-testid=machine-kpis]").innerText();
    expect(started).toMatch(/Started\s*[1-9]/i);

    const rows = page.locator("[data-testid=execution-row]");
    await rows.first().waitFor({ timeout: 60_000 });
    expect(await rows.count()).toBeGreaterThan(10);
    await expect(page.locator("[data-testid=bytes-scanned]").innerText()).resolves.toMatch(/scanned [\d.]+ (KB|MB)/);
    await expect(page.locator("[data-testid=express-logs-note]").innerText()).resolves.toContain("Every event is logged");
    await screenshot(page, "express-machine");
    await page.locator("[data-testid=executions-list] h2").evaluate((el) => el.scrollIntoView({ block: "start" }));
    // A failed execution's row names its error. Failures are a few in a hundred, so the newest
    // page may hold none: the list is filtered to them (a new Logs Insights query).
    await page.getByLabel("Status filter").selectOption("FAILED");
    const statuses = async () => new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-status"))));
    await expect.poll(statuses, { timeout: 90_000 }).toEqual(new Set(["FAILED"]));
    await expect(page.locator("[data-testid=execution-error]").first().innerText()).resolves.toBe("Firehose.ServiceUnavailableException");
    await screenshot(page, "express-machine-list");

    await page.goto(site.url("/?window=1h"));
    const fleetRow = page.locator("[data-testid=state-machine-row][data-name=clickstream-enricher]");
    await fleetRow.waitFor({ timeout: 60_000 });
    await expect(fleetRow.locator("[data-col=started]").innerText()).resolves.toMatch(/[1-9]/);
    await expect(fleetRow.locator("[data-testid=figures-from-metrics]").innerText()).resolves.toBe("metrics");
    await screenshot(page, "express-fleet");
    expect(watch.errors).toEqual([]);
  }, 240_000);

  it("opens a failed Express execution with its graph, timeline and events", async () => {
    const arn = await stateMachineArn(site, "clickstream-enricher");
    const list = await site.api<ExecutionsResponse>(`/api/state-machines/${encodeURIComponent(arn)}/executions?status=FAILED`);
    const failed = list.executions[0];
    expect(failed.error).toBe("Firehose.ServiceUnavailableException");

    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    await page.goto(site.url(executionPath(failed.arn)));
    const detail = page.locator("[data-testid=state-detail]");
    await expect.poll(() => detail.getAttribute("data-path"), { timeout: 60_000 }).toBe("Forward");
    await expect(page.locator("[data-testid=execution-header]").innerText()).resolves.toContain("Failed");
    await expect(page.locator('[data-state="Forward"]').first().getAttribute("data-status")).resolves.toBe("failed");
    await expect(page.locator('[data-state="Enrich"]').first().getAttribute("data-status")).resolves.toBe("succeeded");
    await page.locator("[data-testid=timeline-panel]").waitFor();
    await expect(page.locator("[data-testid=event-count]").innerText()).resolves.toMatch(/^\d+ events$/);
    await expect(page.locator("[data-testid=express-logs-note]").innerText()).resolves.toContain("CloudWatch Logs");
    await expect(page.locator("[data-testid=express-notice]").count()).resolves.toBe(0);
    await screenshot(page, "express-execution-failed");

    // Compared with the last success, read from the logs the same way: where the two diverged.
    await page.locator("[data-testid=compare-last-success]").click();
    await page.locator("[data-testid=compare-page]").waitFor({ timeout: 60_000 });
    await page.locator("[data-testid=divergence]").waitFor({ timeout: 60_000 });
    await expect(page.locator("[data-testid=divergence]").innerText()).resolves.toContain("Forward");
    await expect(page.locator("[data-testid=express-compare]").count()).resolves.toBe(0);
    await screenshot(page, "express-compare");
    expect(watch.errors).toEqual([]);
  }, 120_000);

  it("draws a Standard machine over 30 days from metrics, and says so", async () => {
    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    const arn = await stateMachineArn(site, "order-processing");
    await page.goto(site.url(`/state-machines/${encodeURIComponent(arn)}?window=30d`));
    const charts = page.locator("[data-testid=machine-charts]");
    await expect.poll(() => charts.getAttribute("data-figures-from"), { timeout: 90_000 }).toBe("metrics");
    await expect(page.locator("[data-testid=figures-from-metrics]").innerText()).resolves.toContain("from CloudWatch metrics");
    await expect(page.getByRole("button", { name: "30 days" }).getAttribute("aria-pressed")).resolves.toBe("true");
    await screenshot(page, "standard-30d-metrics");

    await page.goto(site.url("/?window=30d"));
    const rows = page.locator("[data-testid=state-machine-row]");
    await rows.first().waitFor({ timeout: 90_000 });
    await expect.poll(() => page.locator("[data-testid=figures-from-metrics]").count(), { timeout: 30_000 }).toBe(await rows.count());
    await screenshot(page, "fleet-30d-metrics");
    expect(watch.errors).toEqual([]);
  }, 180_000);
});
