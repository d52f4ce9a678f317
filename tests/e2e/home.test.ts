import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, screenshot, watchPageErrors } from "../support/browser";
import { startDemoSite, type DemoSite } from "./demo-site";

describe("home page in demo mode (Chromium)", () => {
  let site: DemoSite;
  beforeAll(async () => {
    site = await startDemoSite();
  }, 120_000);
  afterAll(async () => {
    await site?.stop();
  });

  it("lists every demo state machine with non-zero counts and names the source", async () => {
    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    await page.goto(site.url("/"));
    const rows = page.locator("[data-testid=state-machine-row]");
    await rows.first().waitFor({ timeout: 60_000 });

    const names = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-name")));
    expect(names.length).toBeGreaterThanOrEqual(5);

    // Every Standard machine shows executions; the Express one says why it has none.
    let standardWithCounts = 0;
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const type = (await row.locator("td").nth(1).innerText()).trim();
      const total = (await row.locator("td").last().innerText()).trim();
      if (type === "Standard") {
        expect(Number(total.replace(/\D/g, ""))).toBeGreaterThan(0);
        standardWithCounts++;
      } else {
        expect(total).toBe("n/a");
      }
    }
    expect(standardWithCounts).toBeGreaterThanOrEqual(4);
    await expect(page.locator("[data-testid=source-badge]").innerText()).resolves.toContain("Demo");
    await screenshot(page, "home");
    expect(watch.errors).toEqual([]);
  });
});
