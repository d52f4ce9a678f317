import { describe, expect, it } from "vitest";
import { newPage, screenshot, watchPageErrors } from "../support/browser";
import type { Locator } from "playwright-core";
import type { ExecutionsResponse } from "@/lib/contract/api";
import { executionPath, findExecution, stateMachineArn, useDemoSite } from "./demo-site";

/** Whether the element is drawn whole inside the container's box (the graph canvas clips what is outside). */
async function insideOf(element: Locator, container: Locator): Promise<boolean> {
  const [a, b] = await Promise.all([element.boundingBox(), container.boundingBox()]);
  return !!a && !!b && a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
}

/**
 * The postmortem page as an on-call engineer uses it, in Chromium against the demo account.
 * Executions are found by trait (failed with retries and a catch, a big Map), not by id.
 */
describe("execution page (Chromium, demo mode)", () => {
  const site = useDemoSite();

  it("opens a failed execution on the failing state, with retries, the catch and the diff", async () => {
    const { summary, model } = await findExecution(site, "order-processing", "FAILED", (m) =>
      m.runs.some((r) => r.status === "caught" && r.attempts.length > 1),
    );
    const caught = model.runs.find((r) => r.status === "caught" && r.attempts.length > 1)!;
    expect(model.failedRunPath).toBeTruthy();

    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    await page.goto(site.url(executionPath(summary.arn)));

    // Arrives with the run that failed the execution selected, and says so in the URL.
    const detail = page.locator("[data-testid=state-detail]");
    await expect.poll(() => detail.getAttribute("data-path"), { timeout: 60_000 }).toBe(model.failedRunPath);
    await expect.poll(() => new URL(page.url()).searchParams.get("state")).toBe(model.failedRunPath);
    await expect(page.locator("[data-testid=execution-header]").innerText()).resolves.toContain("Failed");
    const failedName = model.runs.find((r) => r.path === model.failedRunPath)!.name;
    await expect(page.locator(`[data-state="${failedName}"]`).first().getAttribute("data-status")).resolves.toBe("failed");
    // The graph opens with the failing state in view, at a zoom its text can be read at.
    await expect.poll(() => insideOf(page.locator(`[data-testid=graph-panel] [data-state="${failedName}"]`).first(), page.locator("[data-testid=graph-panel] [aria-label^='State machine graph:']").first())).toBe(true);
    expect(Number((await page.locator("[data-testid=graph-zoom]").innerText()).replace("%", ""))).toBeGreaterThanOrEqual(80);
    await screenshot(page, "execution-failed");

    // The retried-then-caught task: its attempts are separate bars with the back-off between.
    const row = page.locator(`[data-run-path="${caught.path}"]`).first();
    await row.waitFor();
    expect(await row.locator("[data-segment-kind=attempt]").count()).toBe(caught.attempts.length);
    expect(await row.locator("[data-segment-kind=wait]").count()).toBeGreaterThanOrEqual(1);

    // Selecting it shows the catch, the diff and every attempt.
    await row.locator("button").filter({ hasText: caught.name }).first().click();
    await expect.poll(() => detail.getAttribute("data-path")).toBe(caught.path);
    await expect(detail.innerText()).resolves.toContain(`caught → ${caught.caughtBy}`);
    await expect(detail.getByText(/Input → output/i).first().isVisible()).resolves.toBe(true);
    await detail.getByRole("tab", { name: /Attempts/ }).click();
    await expect(detail.locator("[data-testid=attempt-row]").count()).resolves.toBe(caught.attempts.length);
    await screenshot(page, "execution-caught-attempts");

    // Back returns to the failing state: the selection lives in the history stack.
    await page.goBack();
    await expect.poll(() => detail.getAttribute("data-path")).toBe(model.failedRunPath);

    // A click on a state in the graph selects its run, for the panels and the URL alike. The
    // graph opened readable around the failing state; zoom out until the first state shows.
    const first = model.runs[0];
    const firstState = page.locator(`[data-testid=graph-panel] [data-state="${first.name}"]`).first();
    const canvas = page.locator("[data-testid=graph-panel] [aria-label^='State machine graph:']").first();
    for (let i = 0; i < 8 && !(await insideOf(firstState, canvas)); i++) await page.locator("[data-testid=graph-panel] button[aria-label='Zoom out']").click();
    await firstState.click();
    await expect.poll(() => detail.getAttribute("data-path")).toBe(first.path);
    await expect.poll(() => new URL(page.url()).searchParams.get("state")).toBe(first.path);
    expect(watch.errors).toEqual([]);
  });

  it("collapses a Map into one summary row that expands to its iterations", async () => {
    const { summary, model } = await findExecution(site, "etl-ingest", "SUCCEEDED", (m) =>
      m.runs.some((r) => (r.iterations?.length ?? 0) >= 10),
    );
    const map = model.runs.find((r) => (r.iterations?.length ?? 0) >= 10)!;
    const page = await newPage(site.browser);
    await page.goto(site.url(executionPath(summary.arn, map.path)));
    const timeline = page.locator("[data-testid=timeline-panel]");
    await timeline.locator("[data-row-kind=map-summary]").first().waitFor({ timeout: 60_000 });
    const summaryText = await timeline.locator("[data-row-kind=map-summary]").first().innerText();
    expect(summaryText).toContain(String(map.iterations!.length));

    const iterationRows = timeline.locator("[data-row-kind=iteration]");
    const before = await iterationRows.count();
    await timeline.getByRole("button", { name: `Expand the iterations of ${map.name}` }).click();
    await expect.poll(() => iterationRows.count()).toBeGreaterThan(before);
    await screenshot(page, "execution-map-expanded");
  });

  it("explains a malformed ARN and an unknown execution", async () => {
    const page = await newPage(site.browser);
    await page.goto(site.url("/executions/not-an-arn"));
    const problem = page.locator("[data-testid=execution-problem]");
    await problem.waitFor({ timeout: 30_000 });
    await expect(problem.getAttribute("data-code")).resolves.toBe("BAD_REQUEST");
    await expect(problem.innerText()).resolves.toMatch(/not an execution ARN/i);
    await screenshot(page, "execution-bad-arn");

    await page.goto(site.url(executionPath("arn:aws:states:us-east-1:123456789012:execution:order-processing:does-not-exist")));
    await problem.waitFor({ timeout: 30_000 });
    await expect.poll(() => problem.getAttribute("data-code")).toBe("NOT_FOUND");
    await expect(problem.innerText()).resolves.toMatch(/No such execution/i);
  });

  it("answers 404 for an unknown execution or state machine, and 200 for a known one", async () => {
    const unknownExecution = await fetch(site.url(executionPath("arn:aws:states:us-east-1:123456789012:execution:order-processing:does-not-exist")));
    expect(unknownExecution.status).toBe(404);
    const unknownMachine = await fetch(site.url(`/state-machines/${encodeURIComponent("arn:aws:states:us-east-1:123456789012:stateMachine:no-such-machine")}`));
    expect(unknownMachine.status).toBe(404);
    expect((await fetch(site.url("/executions/not-an-arn"))).status).toBe(404);
    const known = await site.api<ExecutionsResponse>(`/api/state-machines/${encodeURIComponent(await stateMachineArn(site, "order-processing"))}/executions?limit=1`);
    expect((await fetch(site.url(executionPath(known.executions[0].arn)))).status).toBe(200);
    expect((await fetch(site.url(`/state-machines/${encodeURIComponent(await stateMachineArn(site, "order-processing"))}`))).status).toBe(200);

    // The 404 still explains itself in the browser.
    const page = await newPage(site.browser);
    await page.goto(site.url(`/state-machines/${encodeURIComponent("arn:aws:states:us-east-1:123456789012:stateMachine:no-such-machine")}`));
    await page.locator("[data-testid=execution-problem]").waitFor({ timeout: 30_000 });
    await expect(page.locator("[data-testid=execution-problem]").innerText()).resolves.toMatch(/No such state machine/i);
    await screenshot(page, "state-machine-404");
  });

  it("numbers a Parallel's branches as the definition does, on the timeline, in the URL and in the detail", async () => {
    const { summary, model } = await findExecution(site, "media-pipeline", undefined, (m) => m.runs.some((r) => (r.branches?.length ?? 0) === 3));
    const parallel = model.runs.find((r) => (r.branches?.length ?? 0) === 3)!;
    // The definition's third branch starts with DetectLabels.
    const labels = model.runs.find((r) => r.name === "DetectLabels")!;
    expect(labels.path).toBe(`${parallel.path}/branch 2/DetectLabels`);
    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    await page.goto(site.url(executionPath(summary.arn, labels.path)));
    const detail = page.locator("[data-testid=state-detail]");
    await expect.poll(() => detail.getAttribute("data-path"), { timeout: 60_000 }).toBe(labels.path);
    const lanes = page.locator("[data-testid=timeline-panel] [data-row-kind=branch]");
    await lanes.first().waitFor();
    const laneText = await lanes.allInnerTexts();
    expect(laneText.map((t) => t.match(/branch \d/)?.[0])).toEqual(["branch 0", "branch 1", "branch 2"]);
    const groupLabels = await page.locator(`[data-testid=graph-panel] [data-group^="${parallel.name}/"] text`).allTextContents();
    expect(groupLabels).toEqual(["Branch 0", "Branch 1", "Branch 2"]);
    await expect(page.locator("[data-testid=branch-numbering-notice]").count()).resolves.toBe(0);
    await screenshot(page, "execution-parallel-branches");
    await page.locator("[data-testid=timeline-panel]").scrollIntoViewIfNeeded();
    await screenshot(page, "execution-parallel-timeline");
    expect(watch.errors).toEqual([]);
  });
});
