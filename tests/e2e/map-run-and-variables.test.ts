/**
 * In Chromium, against a Step Functions endpoint serving recorded-shape histories: a parent
 * whose distributed Map ran 20 child executions (5 failed, over its 10% tolerance, redriven
 * once), and a JSONata machine with Variables whose last state fails to evaluate an expression.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, newPage, screenshot, watchPageErrors } from "../support/browser";
import { FakeSfn } from "../support/fake-sfn";
import { serveFakeSfn, type FakeSfnHttp } from "../support/fake-sfn-http";
import { addMapRunWorld, jsonataArn, parentArn } from "../support/map-run-world";
import { startStepscope, type StepscopeServer } from "../support/server";
import { executionPath } from "./demo-site";

describe("distributed Map runs and variables on the execution page (Chromium)", () => {
  let endpoint: FakeSfnHttp;
  let stepscope: StepscopeServer;
  let browser: Browser;
  const fake = new FakeSfn();
  addMapRunWorld(fake, Math.floor(Date.now() / 1000) - 3_600);

  beforeAll(async () => {
    endpoint = await serveFakeSfn(fake);
    stepscope = await startStepscope({ env: { AWS_ENDPOINT_URL_SFN: endpoint.url, AWS_REGION: "us-east-1", STEPSCOPE_SFN_MAX_ATTEMPTS: "1" } });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stepscope?.stop();
    await endpoint?.close();
  });

  it("shows the map run: counts, the exceeded threshold, both tries, failures by error, coloured processor states, children one click away", async () => {
    const page = await newPage(browser);
    const watch = watchPageErrors(page);
    await page.goto(`${stepscope.url}${executionPath(parentArn())}`);

    const section = page.locator("[data-testid=map-runs-section]");
    const panel = section.locator("[data-testid=map-run-panel]");
    await panel.locator("[data-testid=map-run-counts]").waitFor({ timeout: 60_000 });
    const counts = await panel.locator("[data-testid=map-run-counts] tbody tr").allInnerTexts();
    expect(counts.map((row) => row.split(/\s+/).join(" "))).toEqual(["Items 0 0 15 5 0 0 20", "Child executions 0 0 15 5 0 0 20"]);
    const threshold = panel.locator("[data-testid=map-run-threshold]");
    await expect(threshold.getAttribute("data-exceeded")).resolves.toBe("true");
    await expect(threshold.innerText()).resolves.toBe("Tolerates 10% of items · 5 of 20 items failed (25%) · threshold exceeded");
    await expect(panel.locator("[data-testid=map-run-try]").allInnerTexts()).resolves.toEqual([
      // This world's children carry no redrive dates: each counts in the try it started in.
      expect.stringMatching(/^1 \(first run\)\t.* UTC\tFailed after 10\.8 s · States\.ExceedToleratedFailureThreshold\t20 children run: 15 succeeded, 5 failed$/),
      expect.stringMatching(/^2 \(redrive 1\)\t.* UTC\tFailed after 9\.90 s · States\.ExceedToleratedFailureThreshold\t0 children run$/),
    ]);
    await expect(panel.locator("[data-testid=map-run-histories]").innerText()).resolves.toMatch(/^Read 20 of 20 child histories \(5 of 5 failed ones first\)/);
    const groups = panel.locator("[data-testid=map-run-failure-group]");
    await expect(groups.count()).resolves.toBe(2);
    await expect(groups.nth(0).innerText()).resolves.toMatch(/TransformError\s+3 children\s+in Transform/);
    await expect(groups.nth(0).locator("[data-testid=child-link]").allInnerTexts()).resolves.toEqual(expect.arrayContaining(["child-03", "child-08", "child-13"]));
    await expect(groups.nth(1).innerText()).resolves.toMatch(/Lambda\.ServiceException\s+2 children\s+in Fetch/);

    // The processor's states are coloured by their outcome over the children, with counts.
    const graph = page.locator("[data-testid=graph-panel]");
    await expect.poll(() => graph.locator('[data-state="Transform"]').first().getAttribute("data-status")).toBe("failed");
    await expect(graph.locator('[data-state="Fetch"]').first().getAttribute("data-status")).resolves.toBe("failed");
    const badges = await graph.locator('[data-badges="Transform"]').textContent();
    expect(badges).toContain("18");
    expect(badges).toContain("✕ 3");

    // The timeline summarises the children as it does inline iterations.
    const mapRow = page.locator('[data-testid=timeline-panel] [data-row-kind=map-summary][data-run-path="ProcessFiles"]');
    await expect(mapRow.innerText()).resolves.toMatch(/20 children · 5 failed · p50 .* · max /);
    await screenshot(page, "map-run-parent");
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, "map-run-section-and-timeline");

    // A processor state picked in the graph shows its Map's run, focused on that state.
    await graph.locator('[data-state="Transform"]').first().click();
    const detail = page.locator("[data-testid=state-detail]");
    await expect.poll(() => detail.getAttribute("data-path")).toBe("ProcessFiles");
    await expect(detail.locator("[data-testid=map-run-focus]").innerText()).resolves.toBe("Transform runs in the child executions. 18 children read entered it; it failed in 3.");
    await expect(detail.locator("[data-testid=map-run-failure-group]").count()).resolves.toBe(1);
    await screenshot(page, "map-run-focused-state");

    // From the timeline: the Map's row selects it, and its children are in the detail panel.
    await mapRow.locator("button").filter({ hasText: "ProcessFiles" }).click();
    await expect(detail.locator("[data-testid=map-run-failure-group]").count()).resolves.toBe(2);

    // One click opens a failed child, at the state it failed in.
    await detail.locator("[data-testid=child-link]", { hasText: "child-05" }).first().click();
    await page.waitForURL(/child-05/, { timeout: 30_000 });
    await expect.poll(() => page.locator("[data-testid=state-detail]").getAttribute("data-path"), { timeout: 60_000 }).toBe("Fetch");
    await expect(page.locator("[data-testid=execution-header]").innerText()).resolves.toContain("child-05");
    await screenshot(page, "map-run-child");

    // And one click back to the parent.
    await page.locator("[data-testid=parent-execution-link]").click();
    await page.waitForURL(/nightly-0412/, { timeout: 30_000 });
    await page.locator("[data-testid=map-runs-section] [data-testid=map-run-counts]").waitFor({ timeout: 60_000 });
    expect(watch.errors).toEqual([]);
  });

  it("explains the failed evaluation and shows each state's variables, in scope and assigned, and its JSONata fields", async () => {
    const page = await newPage(browser);
    const watch = watchPageErrors(page);
    await page.goto(`${stepscope.url}${executionPath(jsonataArn())}`);
    const detail = page.locator("[data-testid=state-detail]");
    await expect.poll(() => detail.getAttribute("data-path"), { timeout: 60_000 }).toBe("Charge");

    const failure = detail.locator("[data-testid=evaluation-failure]");
    await expect(failure.locator("[data-testid=evaluation-location]").innerText()).resolves.toBe("Arguments/Payload/amount");
    await expect(failure.locator("[data-testid=evaluation-expression]").innerText()).resolves.toBe("{% $totl %}");
    await expect(failure.innerText()).resolves.toContain("States.QueryEvaluationError");
    await expect(failure.innerText()).resolves.toContain("Variables in scope here: $cartId, $currency, $total.");
    await detail.getByRole("tab", { name: "Variables (0 assigned · 3 in scope)" }).click();
    const inScope = detail.locator("[data-testid=variables-in-scope] tr");
    await expect(inScope.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^\$cartId\s+"c-981"\s+from LoadCart$/),
      expect.stringMatching(/^\$currency\s+"EUR"\s+from LoadCart$/),
      expect.stringMatching(/^\$total\s+41\.5 \(truncated\)\s+from PriceItems$/),
    ]);
    await screenshot(page, "variables-evaluation-failed");

    // The state that assigned $total: what it assigned, that AWS truncated it, and its JSONata.
    await detail.locator("[data-testid=variables-in-scope] button", { hasText: "PriceItems" }).click();
    await expect.poll(() => detail.getAttribute("data-path")).toBe("PriceItems");
    await detail.getByRole("tab", { name: /^Variables/ }).click();
    await expect(detail.locator("[data-testid=variables-assigned]").innerText()).resolves.toMatch(/^\$total\s+41\.5$/);
    await expect(detail.locator("[data-testid=variables-truncated]").isVisible()).resolves.toBe(true);
    await detail.getByRole("tab", { name: "Arguments & Output" }).click();
    await expect(detail.locator("[data-testid=jsonata-Arguments] pre").innerText()).resolves.toContain('"cart": "{% $cartId %}"');
    await expect(detail.locator("[data-testid=jsonata-Output] pre").innerText()).resolves.toBe("{% $states.result.Payload %}");
    await expect(detail.locator("[data-testid=jsonata-arguments-evaluated]").innerText()).resolves.toContain("c-981");
    await expect(detail.locator("[data-testid=jsonata-output-evaluated]").innerText()).resolves.toContain("41.5");
    await screenshot(page, "variables-jsonata-fields");
    expect(watch.errors).toEqual([]);
  });

  it("a map run that cannot be read says why, and the rest of the page stays", async () => {
    fake.inject = (call) => (call.target === "DescribeMapRun" ? { type: "AccessDeniedException", message: "User is not authorized to perform: states:DescribeMapRun" } : undefined);
    // The server keeps a failed map run's report for 2 s: wait it out so the next look asks again.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    try {
      const page = await newPage(browser);
      const watch = watchPageErrors(page);
      await page.goto(`${stepscope.url}${executionPath(parentArn())}`);
      const notice = page.locator("[data-testid=map-runs-section] [data-testid=error-notice]");
      await notice.waitFor({ timeout: 60_000 });
      await expect(notice.innerText()).resolves.toContain("Cannot read the map run");
      await expect(notice.innerText()).resolves.toContain("states:DescribeMapRun");
      // The parent's own graph and timeline are there all the same.
      await expect(page.locator('[data-testid=graph-panel] [data-state="Prepare"]').first().getAttribute("data-status")).resolves.toBe("succeeded");
      await page.locator('[data-testid=timeline-panel] [data-run-path="ProcessFiles"]').first().waitFor();
      await screenshot(page, "map-run-unreadable");
      expect(watch.errors).toEqual([]);
    } finally {
      fake.inject = undefined;
    }
  });
});
