/**
 * The demo account's distributed Map in Chromium: the parent's page shows its map run with the
 * counts DescribeMapRun gives, and the processor's states take their colours from the children.
 * Found by trait, not by id, so a richer demo account does not break it.
 */
import { describe, expect, it } from "vitest";
import type { MapRunReport } from "@/lib/contract/api";
import { newPage, screenshot, watchPageErrors } from "../support/browser";
import { executionPath, findExecution, useDemoSite } from "./demo-site";

describe("a distributed Map on the demo account (Chromium)", () => {
  const site = useDemoSite();

  it("shows the map run's counts and colours the processor's states", async () => {
    const { summary, model } = await findExecution(site, "etl-ingest", undefined, (m) => m.status !== "RUNNING" && m.runs.some((r) => r.mapRun?.mapRunArn));
    const mapState = model.runs.find((r) => r.mapRun)!;
    const mapRunArn = mapState.mapRun!.mapRunArn;
    const report = await site.api<MapRunReport>(`/api/map-runs/${encodeURIComponent(mapRunArn)}/report`);

    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    await page.goto(site.url(executionPath(summary.arn)));
    const panel = page.locator("[data-testid=map-runs-section] [data-testid=map-run-panel]");
    await panel.locator("[data-testid=map-run-counts]").waitFor({ timeout: 60_000 });
    const rows = await panel.locator("[data-testid=map-run-counts] tbody tr").allInnerTexts();
    const c = report.mapRun.executionCounts;
    expect(rows[1].split(/\s+/).join(" ")).toBe(`Child executions ${c.pending} ${c.running} ${c.succeeded} ${c.failed} ${c.timedOut} ${c.aborted} ${c.total}`);
    await expect(panel.locator("[data-testid=map-run-threshold]").getAttribute("data-exceeded")).resolves.toMatch(/^(true|false)$/);
    const graph = page.locator("[data-testid=graph-panel]");
    for (const [state, outcome] of Object.entries(report.states)) {
      await expect.poll(() => graph.locator(`[data-state="${state}"]`).first().getAttribute("data-status"), { timeout: 30_000 }).toBe(outcome.status);
    }
    // The timeline is virtualised and the inline Map before it opens with its iterations: scroll
    // the distributed Map's row, further down, into the rendered window first.
    await page.locator("[data-testid=timeline-panel]").evaluate((panel) => {
      for (const el of [panel, ...panel.querySelectorAll("*")]) if (el.scrollHeight > el.clientHeight + 1) el.scrollTop = el.scrollHeight;
    });
    const row = page.locator(`[data-testid=timeline-panel] [data-row-kind=map-summary][data-run-path="${mapState.path}"]`);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.innerText()).resolves.toContain(`${c.total.toLocaleString("en-US")} child`);
    await screenshot(page, "map-run-demo");
    expect(watch.errors).toEqual([]);
  }, 180_000);

  it("a map run redriven with its parent shows each try, and the timeline lists its children one click away", async () => {
    const { summary, model } = await findExecution(
      site,
      "etl-ingest",
      undefined,
      (m, s) => (s.redriveCount ?? 0) > 0 && m.status !== "RUNNING" && m.runs.some((r) => (r.mapRun?.tries?.length ?? 0) > 1),
      400,
    );
    const mapState = model.runs.find((r) => r.mapRun)!;
    const report = await site.api<MapRunReport>(`/api/map-runs/${encodeURIComponent(mapState.mapRun!.mapRunArn)}/report`);
    expect(report.mapRun.redriveCount).toBe(1);

    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    await page.goto(site.url(executionPath(summary.arn)));
    const tries = page.locator("[data-testid=map-runs-section] [data-testid=map-run-tries] [data-testid=map-run-try]");
    await tries.first().waitFor({ timeout: 60_000 });
    await expect(tries.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")))).resolves.toEqual(["failed", mapState.mapRun!.status]);
    await expect(tries.first().innerText()).resolves.toContain("States.ExceedToleratedFailureThreshold");
    await expect(page.locator("[data-testid=map-runs-section]").innerText()).resolves.toContain("redriven 1×");

    const timeline = page.locator("[data-testid=timeline-panel]");
    await timeline.evaluate((panel) => {
      for (const el of [panel, ...panel.querySelectorAll("*")]) if (el.scrollHeight > el.clientHeight + 1) el.scrollTop = el.scrollHeight;
    });
    const row = timeline.locator(`[data-row-kind=map-summary][data-run-path="${mapState.path}"]`);
    await row.waitFor({ timeout: 30_000 });
    // One bar per try of the map run.
    await expect(row.locator("[data-segment-kind=try]").count()).resolves.toBe(2);
    await row.getByRole("button", { name: /Expand the child executions/ }).click();
    const childRows = timeline.locator("[data-row-kind=child-execution]");
    await childRows.first().waitFor({ timeout: 10_000 });
    await screenshot(page, "map-run-redriven");
    const link = childRows.first().locator("[data-testid=timeline-child-link]");
    const childArn = await link.getAttribute("title");
    expect(report.children.map((c) => c.arn)).toContain(childArn);
    await link.click();
    await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/executions/${childArn}`, { timeout: 30_000 });
    expect(watch.errors).toEqual([]);
  }, 240_000);
});
