import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { newPage, screenshot, watchPageErrors } from "../support/browser";
import { executionPath, findExecution, useDemoSite } from "./demo-site";

/**
 * Postmortem tools in Chromium against the demo account: a recorded history imported offline
 * (and a corrupt one next to it), the export read back, and a failed run compared with a success.
 */
const FIXTURES = path.resolve(__dirname, "../fixtures/import");
const fixture = (name: string) => path.join(FIXTURES, name);

describe("postmortem tools (Chromium, demo mode)", () => {
  const site = useDemoSite();

  it("imports a recorded history with its definition and shows its execution page, without calling the API for it", async () => {
    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    const apiCalls: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/api/executions")) apiCalls.push(r.url());
    });
    await page.goto(site.url("/import"));
    await page.locator("[data-testid=file-input]").setInputFiles([fixture("map-8-iterations.history.json"), fixture("map-8-iterations.definition.json")]);

    const files = page.locator("[data-testid=import-file]");
    await expect.poll(() => files.count(), { timeout: 30_000 }).toBe(2);
    await expect(files.nth(0).innerText()).resolves.toContain("history · 42 events");
    await expect(files.nth(1).innerText()).resolves.toContain("definition");

    await expect(page.locator("[data-testid=execution-header]").innerText()).resolves.toContain("map-8-iterations.history");
    const timeline = page.locator("[data-testid=timeline-panel]");
    await timeline.locator('[data-run-path="StartState"]').first().waitFor();
    await timeline.locator('[data-run-path="Final"]').first().waitFor();
    await expect(page.locator("[data-testid=event-count]").innerText()).resolves.toBe("42 events");
    await expect(page.locator('[data-testid=graph-panel] [data-state="MapState"]').first().getAttribute("data-status")).resolves.toBe("succeeded");
    await expect(page.locator("[data-testid=definition-needed]").count()).resolves.toBe(0);
    await screenshot(page, "import-map-history");
    expect(apiCalls).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it("lists a corrupt file with its exact message, keeps working, then loads a good file", async () => {
    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    await page.goto(site.url("/import"));
    const input = page.locator("[data-testid=file-input]");
    await input.setInputFiles([fixture("broken/bad-event-id.history.json"), fixture("broken/truncated.history.json")]);

    const errors = page.locator("[data-testid=import-error]");
    await expect.poll(() => errors.count(), { timeout: 30_000 }).toBe(2);
    await expect(errors.nth(0).innerText()).resolves.toBe("Event 12 (index 11): `id` must be a positive integer.");
    await expect(errors.nth(1).innerText()).resolves.toMatch(/^Not JSON: .+ at line \d+, column \d+\.$/);
    await expect(page.locator("[data-testid=imported-execution]").count()).resolves.toBe(0);

    // Pasted text that is not JSON gets its message too, under a name of its own.
    await page.locator("[data-testid=paste-input]").fill('{ "events": [ { "id": 1, } ] }');
    await page.getByRole("button", { name: "Load pasted JSON" }).click();
    await expect.poll(() => errors.count()).toBe(3);
    await expect(errors.nth(2).innerText()).resolves.toBe("Not JSON: unexpected `}` where a property name in double quotes was expected at line 1, column 26.");

    await input.setInputFiles(fixture("lambda-retries-failed.history.json"));
    await page.locator("[data-testid=imported-execution]").waitFor({ timeout: 30_000 });
    await expect(errors.count()).resolves.toBe(3);
    await expect(page.locator("[data-testid=execution-error]").innerText()).resolves.toContain("Exception");
    await page.locator('[data-testid=timeline-panel] [data-run-path="LambdaTask"]').first().waitFor();
    await expect(page.locator("[data-testid=state-detail]").getAttribute("data-path")).resolves.toBe("LambdaTask");
    await expect(page.locator("[data-testid=definition-needed]").innerText()).resolves.toContain("The graph needs the state machine's definition");
    await expect(page.locator("[data-testid=graph-needs-definition]").innerText()).resolves.toContain("A definition is needed to draw the graph");
    await screenshot(page, "import-with-errors");
    expect(watch.errors).toEqual([]);
  });

  it("compares a failed demo execution with the last success and marks the state that differs; its export reads back", async () => {
    const failed = await findExecution(site, "order-processing", "FAILED", (m) => !!m.failedRunPath);
    const failedState = failed.model.runs.find((r) => r.path === failed.model.failedRunPath)!;

    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    await page.goto(site.url(executionPath(failed.summary.arn)));
    const compareLink = page.locator("[data-testid=compare-last-success]");
    await compareLink.waitFor({ timeout: 60_000 });

    // The export first: a Stepscope file that the import page reads back as the same execution.
    const exportButton = page.getByRole("button", { name: "Export ▾" });
    await expect.poll(() => exportButton.isEnabled(), { timeout: 60_000 }).toBe(true);
    await exportButton.click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: /Stepscope export/ }).click()]);
    const exported = await download.path();
    const exportedJson = JSON.parse(readFileSync(exported, "utf8")) as { stepscopeExport: number; execution: { arn: string } };
    expect(exportedJson.stepscopeExport).toBe(1);
    expect(exportedJson.execution.arn).toBe(failed.summary.arn);

    await compareLink.click();
    await page.waitForURL(/\/compare\?/);
    const params = new URL(page.url()).searchParams;
    expect(params.get("b")).toBe(failed.summary.arn);
    expect(params.get("a")).not.toBe(failed.summary.arn);

    const graph = page.locator("[data-testid=compare-graph]");
    await graph.waitFor({ timeout: 60_000 });
    await expect(graph.locator(`[data-state="${failedState.name}"]`).first().getAttribute("data-status")).resolves.toBe("failed");
    await expect(page.locator(`[data-testid=delta-table] tr[data-state="${failedState.name}"]`).getAttribute("data-differs")).resolves.toBe("true");
    await expect(page.locator("[data-testid=divergence]").innerText()).resolves.toMatch(/first divergence/i);
    await expect(page.locator("[data-testid=compare-card-A]").innerText()).resolves.toContain("Succeeded");
    await screenshot(page, "compare-failed-with-success");

    await page.goto(site.url("/import"));
    await page.locator("[data-testid=file-input]").setInputFiles(exported);
    await expect(page.locator("[data-testid=execution-header]").innerText({ timeout: 30_000 })).resolves.toContain(failed.summary.name);
    await expect(page.locator('[data-testid=graph-panel] [data-state]').count()).resolves.toBeGreaterThan(2);
    expect(watch.errors).toEqual([]);
  });

  it("says so when the two executions ran different state machines", async () => {
    const a = await findExecution(site, "order-processing", undefined, () => true);
    const b = await findExecution(site, "etl-ingest", undefined, () => true);
    const page = await newPage(site.browser);
    await page.goto(site.url(`/compare?${new URLSearchParams({ a: a.summary.arn, b: b.summary.arn })}`));
    await expect(page.locator("[data-testid=different-machines]").innerText({ timeout: 60_000 })).resolves.toContain("These executions ran different state machines (order-processing and etl-ingest)");
  });
});
