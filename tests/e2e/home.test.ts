import { describe, expect, it } from "vitest";
import type { FleetResponse } from "@/lib/contract/api";
import { newPage, screenshot, watchPageErrors } from "../support/browser";
import { useDemoSite } from "./demo-site";

describe("home page in demo mode (Chromium)", () => {
  const site = useDemoSite();

  it("shows every demo machine with non-zero numbers, the unhealthiest first, and names the source", async () => {
    const fleet = await site.api<FleetResponse>("/api/fleet?window=24h");
    const unhealthiest = fleet.rows[0];
    expect(unhealthiest.summary?.errors).toBeGreaterThan(0);

    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    await page.goto(site.url("/"));
    const rows = page.locator("[data-testid=state-machine-row]");
    await rows.first().waitFor({ timeout: 60_000 });

    const names = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-name")));
    expect(names).toEqual(fleet.rows.map((r) => r.name));
    expect(names[0]).toBe(unhealthiest.name);
    expect(names.length).toBeGreaterThanOrEqual(5);

    let standard = 0;
    for (let i = 0; i < names.length; i++) {
      const row = rows.nth(i);
      if ((await row.getAttribute("data-type")) === "STANDARD") {
        const started = (await row.locator("[data-col=started]").innerText()).replace(/\D/g, "");
        expect(Number(started)).toBeGreaterThan(0);
        expect(await row.locator("[data-col=p50]").innerText()).not.toBe("—");
        standard++;
      } else {
        // Express: numbers from CloudWatch metrics, flagged as such.
        const started = (await row.locator("[data-col=started]").innerText()).replace(/\D/g, "");
        expect(Number(started)).toBeGreaterThan(0);
        await expect(row.locator("[data-testid=figures-from-metrics]").innerText()).resolves.toBe("metrics");
      }
    }
    expect(standard).toBeGreaterThanOrEqual(4);
    await expect(page.locator("[data-testid=source-badge]").innerText()).resolves.toContain("Demo");
    await screenshot(page, "home");
    expect(watch.errors).toEqual([]);
  }, 90_000);

  it("keeps the window, sort and search in the URL", async () => {
    const page = await newPage(site.browser);
    await page.goto(site.url("/"));
    await page.locator("[data-testid=state-machine-row]").first().waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "1 h", exact: true }).click();
    await page.waitForURL(/window=1h/);
    await page.getByRole("button", { name: /^State machine/ }).click();
    await page.waitForURL(/sort=name/);
    const rows = page.locator("[data-testid=state-machine-row]");
    const byName = await site.api<FleetResponse>("/api/fleet?window=1h&sort=name");
    await expect.poll(async () => rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-name")))).toEqual(byName.rows.map((r) => r.name));
    await page.getByRole("searchbox", { name: "Search state machines by name" }).fill("media");
    await page.waitForURL(/q=media/);
    await expect.poll(async () => rows.count()).toBe(1);
    await page.reload();
    // After a reload the fleet answer comes from the server again: wait for it, then read the rows.
    await expect
      .poll(async () => rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-name"))), { timeout: 30_000 })
      .toEqual(["media-pipeline"]);
    await expect(page.getByRole("searchbox", { name: "Search state machines by name" }).inputValue()).resolves.toBe("media");
  }, 90_000);
});
