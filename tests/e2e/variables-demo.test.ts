/**
 * The demo account's JSONata machine in Chromium: a state's Variables tab lists what it
 * assigned and what was in scope, and a failed evaluation is explained with its field. Found by
 * trait, not by id, so a richer demo account does not break it.
 */
import { describe, expect, it } from "vitest";
import { variablesInScope } from "@/lib/postmortem/variables-in-scope";
import { newPage, screenshot, watchPageErrors } from "../support/browser";
import { executionPath, findExecution, useDemoSite } from "./demo-site";

describe("variables and JSONata on the demo account (Chromium)", () => {
  const site = useDemoSite();

  it("shows a state's assigned variables and those in scope", async () => {
    const { summary, model } = await findExecution(site, "invoice-billing", undefined, (m) =>
      m.runs.some((r) => r.assignedVariables && variablesInScope(m, r).length > 0),
    );
    const run = model.runs.find((r) => r.assignedVariables && variablesInScope(model, r).length > 0)!;
    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    await page.goto(site.url(executionPath(summary.arn, run.path)));
    const detail = page.locator("[data-testid=state-detail]");
    await expect.poll(() => detail.getAttribute("data-path"), { timeout: 60_000 }).toBe(run.path);
    await detail.getByRole("tab", { name: /^Variables/ }).click();
    const assigned = await detail.locator("[data-testid=variables-assigned]").innerText();
    for (const name of Object.keys(run.assignedVariables!.values)) expect(assigned).toContain(`$${name}`);
    const inScope = await detail.locator("[data-testid=variables-in-scope]").innerText();
    for (const v of variablesInScope(model, run)) expect(inScope).toContain(`$${v.name}`);
    await detail.getByRole("tab", { name: "Arguments & Output" }).click();
    await detail.locator("[data-testid=jsonata-output-evaluated]").waitFor();
    await screenshot(page, "variables-demo");
    expect(watch.errors).toEqual([]);
  });

  it("explains a failed evaluation: the state and the field", async () => {
    const { summary, model } = await findExecution(site, "invoice-billing", "FAILED", (m) => m.runs.some((r) => r.evaluationFailure));
    const run = model.runs.find((r) => r.evaluationFailure)!;
    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    await page.goto(site.url(executionPath(summary.arn, run.path)));
    const failure = page.locator("[data-testid=state-detail] [data-testid=evaluation-failure]");
    await failure.waitFor({ timeout: 60_000 });
    if (run.evaluationFailure!.location) {
      await expect(failure.locator("[data-testid=evaluation-location]").innerText()).resolves.toBe(run.evaluationFailure!.location);
    }
    await expect(failure.innerText()).resolves.toContain(run.evaluationFailure!.error ?? "Evaluation failed");
    await screenshot(page, "evaluation-failed-demo");
    expect(watch.errors).toEqual([]);
  });
});
