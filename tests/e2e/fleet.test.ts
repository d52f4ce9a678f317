/**
 * The state machine page in demo mode: charts with data, a status filter and a chart click that
 * change the executions list, error groups that lead to failing executions, and the state ×
 * execution grid showing a failing state.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { FleetResponse, MachineMetricsResponse } from "@/lib/contract/api";
import { newPage, screenshot, watchPageErrors } from "../support/browser";
import { stateMachineArn, useDemoSite } from "./demo-site";

describe("state machine page in demo mode (Chromium)", () => {
  const site = useDemoSite();
  let path: string;
  let unhealthiest: string;
  beforeAll(async () => {
    const fleet = await site.api<FleetResponse>("/api/fleet?window=24h");
    unhealthiest = fleet.rows[0].name;
    path = `/state-machines/${encodeURIComponent(await stateMachineArn(site, unhealthiest))}`;
  }, 120_000);

  async function open(): Promise<Page> {
    const page = await newPage(site.browser);
    await page.goto(site.url(path));
    await page.locator("[data-testid=machine-charts]").waitFor({ timeout: 60_000 });
    return page;
  }

  const rowLinks = (page: Page) => page.locator("[data-testid=execution-row] a").evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""));
  const rowStatuses = (page: Page) => page.locator("[data-testid=execution-row]").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));

  it("draws every chart with data points", async () => {
    const page = await open();
    const watch = watchPageErrors(page);
    const charts = page.locator("[data-testid=machine-charts]");
    await expect.poll(() => charts.locator(".recharts-bar-rectangle path, .recharts-bar-rectangle rect").count(), { timeout: 30_000 }).toBeGreaterThan(10);
    await expect.poll(() => charts.locator(".recharts-area-curve, .recharts-line-curve").count()).toBeGreaterThanOrEqual(4);
    const kpi = await page.locator("[data-testid=machine-kpis]").innerText();
    expect(kpi).toMatch(/STARTED\s*[1-9]/i);
    await screenshot(page, "state-machine");
    expect(watch.errors).toEqual([]);
  }, 120_000);

  it("selects a state with a click on the graph, in the URL and in the per-state table", async () => {
    const page = await open();
    await page.locator("[data-testid=state-stats-row]").first().waitFor({ timeout: 30_000 });
    const name = await page.locator("[data-testid=state-stats-row]").first().getAttribute("data-state");
    expect(name).toBeTruthy();
    await page.locator(`g[data-state="${name}"]`).first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get("state")).toBe(name);
    await expect.poll(() => page.locator(`[data-testid=state-stats-row][data-state="${name}"]`).getAttribute("class")).toMatch(/selected/i);
  }, 120_000);

  it("filters the executions list by status", async () => {
    const page = await open();
    await page.locator("[data-testid=execution-row]").first().waitFor({ timeout: 30_000 });
    // The newest page may hold no failure at a quiet minute; the filter must still change the
    // list: only failed executions, and ones the unfiltered page did not show.
    const unfiltered = new Set(await rowLinks(page));
    await page.getByLabel("Status filter").selectOption("FAILED");
    await page.waitForURL(/status=FAILED/);
    await expect.poll(async () => [...new Set(await rowStatuses(page))], { timeout: 30_000 }).toEqual(["FAILED"]);
    expect((await rowLinks(page)).some((href) => !unfiltered.has(href))).toBe(true);
  }, 120_000);

  it("lists a bucket's executions when its bar is clicked", async () => {
    const page = await open();
    // The status chart is the first chart; click inside its plot, three quarters of the way along.
    const plot = page.locator("[data-testid=machine-charts] .recharts-surface").first();
    await page.locator("[data-testid=machine-charts] .recharts-bar-rectangle").first().waitFor({ timeout: 30_000 });
    const box = await plot.boundingBox();
    if (!box) throw new Error("the status chart has no size");
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.5);
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.5);
    await page.waitForURL(/from=\d+&to=\d+|to=\d+.*from=\d+/);
    const url = new URL(page.url());
    const from = Number(url.searchParams.get("from"));
    const to = Number(url.searchParams.get("to"));
    expect(to).toBeGreaterThan(from);
    await expect(page.getByRole("button", { name: "Clear time range" }).isVisible()).resolves.toBe(true);
  }, 120_000);

  it("links an error group to a failing execution", async () => {
    const page = await open();
    const groups = page.getByRole("table", { name: "Error groups" });
    const example = groups.locator("tbody tr").first().locator("a").first();
    await example.waitFor({ timeout: 30_000 });
    await example.click();
    await page.waitForURL(/\/executions\//);
    const header = page.locator("[data-testid=execution-header]");
    await header.waitFor({ timeout: 60_000 });
    await expect.poll(async () => header.innerText(), { timeout: 30_000 }).toMatch(/Failed|Timed out|Aborted/i);
    await screenshot(page, "error-group-example");
  }, 120_000);

  it("shows a failing state in the state × execution grid and opens that execution at the state", async () => {
    // The grid shows the newest executions; at a quiet minute of the simulated day the
    // unhealthiest machine's newest ones may all have succeeded, so take a machine whose grid
    // has a failure right now (the API says which).
    const { rows } = await site.api<FleetResponse>("/api/fleet?window=24h");
    let gridPath: string | undefined;
    for (const row of rows.filter((r) => r.type === "STANDARD")) {
      const metrics = await site.api<MachineMetricsResponse>(`/api/state-machines/${encodeURIComponent(row.arn)}/metrics?window=24h`);
      if (metrics.grid.rows.some((r) => r.cells.some((c) => c.outcome === "failed"))) {
        gridPath = `/state-machines/${encodeURIComponent(row.arn)}`;
        break;
      }
    }
    expect(gridPath, "no demo machine has a failure among its newest executions").toBeTruthy();
    const page = await newPage(site.browser);
    await page.goto(site.url(gridPath!));
    await page.locator("[data-testid=machine-charts]").waitFor({ timeout: 60_000 });
    const failed = page.locator('[aria-label="State outcomes by execution"] a[data-outcome=failed]');
    await failed.first().waitFor({ timeout: 30_000 });
    expect(await failed.count()).toBeGreaterThan(0);
    const title = (await failed.first().getAttribute("title")) ?? "";
    expect(title).toMatch(/Failed/);
    await failed.first().click();
    await page.waitForURL(/\/executions\/.+\?state=/);
  }, 120_000);
});
