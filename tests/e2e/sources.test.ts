/**
 * Every account and Region in one view, on the demo organisation (prod and staging, us-east-1
 * and eu-west-1): the switcher shows each scope's health, the fleet filters by source and
 * Region with its totals equal to the sum of the sources, and a state machine of eu-west-1
 * opens from the fleet naming its source, account and Region.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { FleetResponse } from "@/lib/contract/api";
import { DEMO_SCOPES } from "@/mocks/contract";
import { newPage, screenshot, watchPageErrors } from "../support/browser";
import { useDemoSite } from "./demo-site";

const COUNT_COLUMNS = ["machines", "started", "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];

async function openFleet(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator("[data-testid=state-machine-row]").first().waitFor({ timeout: 90_000 });
  await page.locator("[data-testid=source-totals]").waitFor({ timeout: 30_000 });
}

const rowSources = (page: Page) => page.locator("[data-testid=state-machine-row]").evaluateAll((els) => els.map((e) => e.getAttribute("data-source")));
const rowNames = (page: Page) => page.locator("[data-testid=state-machine-row]").evaluateAll((els) => els.map((e) => e.getAttribute("data-name")));

/** The totals table as numbers: one line per source, and the sum line. */
async function totalsShown(page: Page): Promise<{ lines: Record<string, Record<string, number>>; sum: Record<string, number> }> {
  return page.locator("[data-testid=source-totals]").evaluate((table, columns) => {
    const read = (tr: Element) => Object.fromEntries(columns.map((c) => [c, Number((tr.querySelector(`[data-col="${c}"]`)?.textContent ?? "").replace(/\D/g, ""))]));
    const lines: Record<string, Record<string, number>> = {};
    for (const tr of table.querySelectorAll("[data-testid=source-totals-row]")) lines[tr.getAttribute("data-scope") ?? ""] = read(tr);
    const sumRow = table.querySelector("[data-testid=source-totals-sum]");
    return { lines, sum: sumRow ? read(sumRow) : {} };
  }, COUNT_COLUMNS);
}

describe("several accounts and Regions in demo mode (Chromium)", () => {
  const site = useDemoSite();

  it("shows the health of all four scopes in the source switcher, the denied one in words", async () => {
    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    await openFleet(page, site.url("/"));
    const health = () => page.locator("[data-testid=source-option]").evaluateAll((els) => els.map((e) => `${e.getAttribute("data-scope")}=${e.getAttribute("data-health")}`));
    await page.locator("[data-testid=source-badge]").click();
    // Each scope reports its health once it has answered (or been refused) for the first time.
    await expect
      .poll(health, { timeout: 60_000, interval: 1_000 })
      .toEqual(["prod:us-east-1=ok", "prod:eu-west-1=ok", "staging:us-east-1=ok", "staging:eu-west-1=denied"]);
    expect(DEMO_SCOPES.map((s) => s.id)).toEqual(["prod:us-east-1", "prod:eu-west-1", "staging:us-east-1", "staging:eu-west-1"]);
    const denied = page.locator('[data-testid=source-option][data-scope="staging:eu-west-1"]');
    expect(await denied.innerText()).toMatch(/Access denied[\s\S]*staging · eu-west-1 · 222222222222[\s\S]*ListStateMachines/);
    await expect(page.locator("[data-testid=source-badge]").innerText()).resolves.toMatch(/Demo[\s\S]*1 Access denied[\s\S]*3 OK/);
    await screenshot(page, "sources-switcher");
    expect(watch.errors).toEqual([]);
  }, 150_000);

  it("filters the fleet to one source, and its totals are the sum of the sources", async () => {
    const page = await newPage(site.browser);
    await openFleet(page, site.url("/"));
    // Every source's machines, each row saying its scope.
    await expect.poll(async () => new Set(await rowSources(page)), { timeout: 30_000 }).toEqual(new Set(["prod:us-east-1", "prod:eu-west-1", "staging:us-east-1"]));
    // One Source column (source · Region, the account in its title) in place of three.
    const table = page.locator("[data-testid=state-machine-table]");
    expect(await table.locator("th").evaluateAll((ths) => ths.map((th) => th.textContent?.replace(/[▲▼]/g, "").trim()))).not.toContain("Account");
    await screenshot(page, "sources-fleet-1440");
    // All sixteen columns fit a 1440 px screen: Errors and "Failing since" need no sideways scroll.
    const fit = await table.evaluate((t) => ({ content: t.scrollWidth, room: t.parentElement!.clientWidth }));
    expect(fit.content, `fleet table ${fit.content} px wide in ${fit.room} px`).toBeLessThanOrEqual(fit.room);
    // Whatever the data: a name as long as Step Functions allows (80 characters) and a long source
    // wrap in their cells rather than widen the table (CI once saw 1 px over with the demo's own).
    const longest = await table.evaluate((t) => {
      t.querySelector("[data-testid=state-machine-row] td:nth-child(2) a")!.textContent = "order-fulfilment-settlement-reconciliation-pipeline-with-a-very-long-name-80chars";
      t.querySelector("[data-testid=state-machine-row] [data-col=source] span")!.append(" · a-source-named-at-length-by-its-owner");
      return { content: t.scrollWidth, room: t.parentElement!.clientWidth };
    });
    expect(longest.content, `fleet table ${longest.content} px wide in ${longest.room} px with long names`).toBeLessThanOrEqual(longest.room);
    // The table was changed behind React's back: load it afresh.
    await openFleet(page, site.url("/"));

    await page.getByRole("group", { name: "Source filter" }).getByRole("button", { name: "staging", exact: true }).click();
    await page.waitForURL(/[?&]source=staging(&|$)/);
    const expected = await site.api<FleetResponse>("/api/fleet?window=24h&source=staging:us-east-1&source=staging:eu-west-1");
    await expect.poll(async () => (await rowNames(page)).sort(), { timeout: 30_000 }).toEqual(expected.rows.map((r) => r.name).sort());
    expect(new Set(await rowSources(page))).toEqual(new Set(["staging:us-east-1"]));
    expect(expected.rows.length).toBeGreaterThan(0);

    // Totals: one line per staging scope (the denied one too), and their sum below.
    await expect.poll(async () => Object.keys((await totalsShown(page)).lines), { timeout: 30_000 }).toEqual(["staging:us-east-1", "staging:eu-west-1"]);
    const { lines, sum } = await totalsShown(page);
    for (const column of COUNT_COLUMNS) expect(sum[column], column).toBe(Object.values(lines).reduce((n, line) => n + line[column], 0));
    expect(sum.machines).toBe(expected.rows.length);
    expect(lines["staging:eu-west-1"].machines).toBe(0);
    expect(await page.locator('[data-testid=source-totals-row][data-scope="staging:eu-west-1"]').innerText()).toContain("Access denied");
    await screenshot(page, "sources-fleet-staging");

    // The whole organisation: the sum line is the sum of the four sources.
    await page.getByRole("group", { name: "Source filter" }).getByRole("button", { name: "All", exact: true }).click();
    await expect.poll(async () => Object.keys((await totalsShown(page)).lines).length, { timeout: 30_000 }).toBe(4);
    const all = await totalsShown(page);
    for (const column of COUNT_COLUMNS) expect(all.sum[column], column).toBe(Object.values(all.lines).reduce((n, line) => n + line[column], 0));
    expect(all.sum.machines).toBe((await rowNames(page)).length);
  }, 150_000);

  it("keeps the filter in the URL, so a shared link shows the same scopes", async () => {
    const page = await newPage(site.browser);
    await openFleet(page, site.url("/?region=eu-west-1&window=1h"));
    await expect.poll(async () => new Set(await rowSources(page)), { timeout: 30_000 }).toEqual(new Set(["prod:eu-west-1"]));
    await expect.poll(async () => Object.keys((await totalsShown(page)).lines), { timeout: 30_000 }).toEqual(["prod:eu-west-1", "staging:eu-west-1"]);
    expect(await page.getByRole("group", { name: "Region filter" }).getByRole("button", { name: "eu-west-1" }).getAttribute("aria-pressed")).toBe("true");
    // A name the organisation does not have is said, not silently dropped.
    await page.goto(site.url("/?source=qa"));
    await expect.poll(() => page.locator("[data-testid=source-filter-problem]").innerText().catch(() => ""), { timeout: 30_000 }).toContain("No source “qa”: the sources are prod, staging.");
  }, 150_000);

  it("opens a state machine of the eu-west-1 scope from the fleet, naming its source, account and Region", async () => {
    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    await openFleet(page, site.url("/"));
    await page.locator("[data-testid=source-badge]").click();
    await page.locator('[data-testid=source-option][data-scope="prod:eu-west-1"]').click();
    await page.waitForURL(/source=prod%3Aeu-west-1/);
    await expect.poll(async () => new Set(await rowSources(page)), { timeout: 30_000 }).toEqual(new Set(["prod:eu-west-1"]));
    const row = page.locator('[data-testid=state-machine-row][data-name="payment-settlement"]');
    const scopeCell = row.locator("[data-col=source]");
    expect(await scopeCell.innerText()).toBe("prod · eu-west-1");
    expect(await scopeCell.getAttribute("title")).toBe("Account 123456789012 · eu-west-1");
    await row.getByRole("link", { name: "payment-settlement" }).click();
    await page.waitForURL(/\/state-machines\/arn%3Aaws%3Astates%3Aeu-west-1%3A123456789012%3AstateMachine%3Apayment-settlement\?.*source=prod%3Aeu-west-1/);
    await page.locator("[data-testid=machine-charts]").waitFor({ timeout: 60_000 });
    await expect(page.locator("[data-testid=scope-tag]").first().innerText()).resolves.toBe("prod · eu-west-1 · 123456789012");
    await expect.poll(() => page.locator("[data-testid=machine-kpis]").innerText(), { timeout: 30_000 }).toMatch(/STARTED\s*[1-9]/i);

    // Its executions open on their own page, which names the same scope.
    const execution = page.locator("[data-testid=execution-row] a").first();
    await execution.waitFor({ timeout: 30_000 });
    await execution.click();
    await page.locator("[data-testid=execution-header]").waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).pathname).toContain(encodeURIComponent("arn:aws:states:eu-west-1:123456789012:execution:payment-settlement:"));
    await expect(page.locator("[data-testid=execution-header] [data-testid=scope-tag]").innerText()).resolves.toBe("prod · eu-west-1 · 123456789012");
    await screenshot(page, "sources-execution-eu");
    expect(watch.errors).toEqual([]);
  }, 150_000);
});
