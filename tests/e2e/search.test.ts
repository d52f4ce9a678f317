/**
 * The search page in Chromium over a store prefilled with 200,000 generated executions (plus
 * what the demo account adds): a query from the URL, typed queries by status and machine and by
 * a payload field, older pages by cursor, and a bad query that says what is wrong while the
 * last hits stay on screen.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, parseDatabaseUrl } from "@/lib/store";
import { newPage, screenshot, watchPageErrors } from "../support/browser";
import { generateCorpus, loadCorpus, newestFirst } from "../support/search-corpus";
import { startDemoSite, type DemoSite } from "./demo-site";

const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-search-e2e-"));
const file = path.join(tmp, "search.db");
const corpus = generateCorpus(200_000);
let site: DemoSite;

beforeAll(async () => {
  const store = await openStore(parseDatabaseUrl(`sqlite:${file}`, tmp));
  await loadCorpus(store, corpus);
  await store.close();
  site = await startDemoSite({ STEPSCOPE_DATABASE_URL: `sqlite:${file}` });
}, 300_000);

afterAll(async () => {
  await site?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe("search page (Chromium)", () => {
  it("finds failed executions of one machine, newest first, and loads older pages", async () => {
    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    await page.goto(site.url(`/search?q=${encodeURIComponent("status:failed machine:etl-01")}`));
    const rows = page.locator("[data-testid=search-hit]");
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(50);
    const want = corpus.executions.filter((e) => e.status === "FAILED" && e.stateMachineArn.endsWith(":etl-01")).sort(newestFirst);
    expect(await rows.locator("td:nth-child(2)").allInnerTexts()).toEqual(want.slice(0, 50).map((e) => e.name));
    expect(new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-status"))))).toEqual(new Set(["FAILED"]));
    await page.getByRole("button", { name: "Load older executions" }).click();
    await expect.poll(() => rows.count()).toBe(100);
    expect(await rows.locator("td:nth-child(2)").allInnerTexts()).toEqual(want.slice(0, 100).map((e) => e.name));
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "search-failed");
    expect(watch.errors).toEqual([]);
  }, 120_000);

  it("finds by a payload field typed in the box, and keeps the hits when the next query is bad", async () => {
    const page = await newPage(site.browser);
    await page.goto(site.url("/search"));
    const customer = JSON.parse(corpus.payloads[42].input!).customer.id as string;
    const box = page.getByLabel("Search executions", { exact: true });
    await box.fill(`input.customer.id = "${customer}"`);
    await box.press("Enter");
    const rows = page.locator("[data-testid=search-hit]");
    const want = corpus.payloads.filter((p) => JSON.parse(p.input!).customer.id === customer).length;
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(want);
    // The query is in the URL, so the search can be shared.
    expect(new URL(page.url()).searchParams.get("q")).toBe(`input.customer.id = "${customer}"`);
    await box.fill("status:DONE");
    await box.press("Enter");
    const notice = page.locator("[data-testid=error-notice]");
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toMatch(/unknown status "DONE"/);
    expect(await notice.innerText()).toMatch(/the last results stay below/);
    expect(await rows.count()).toBe(want);
    await page.getByText("Query syntax").click();
    await screenshot(page, "search-bad-query");
  }, 120_000);
});
