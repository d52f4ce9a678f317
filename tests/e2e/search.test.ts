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
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(100);
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

  it("searches what was typed before the page's scripts ran, and an ARN in the header box opens its page", async () => {
    // A loaded machine or a slow link may show the page well before it is interactive: Enter
    // must still search for what is in the box (it once searched for nothing and showed 50 hits).
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(site.url("/search"));
      await page.getByLabel("Search executions", { exact: true }).fill("  status:failed machine:etl-01 ");
      await page.getByLabel("Search executions", { exact: true }).press("Enter");
      await page.waitForURL(/[?&]q=/, { timeout: 30_000 });
      expect(new URL(page.url()).searchParams.get("q")?.trim()).toBe("status:failed machine:etl-01");
      const arn = corpus.executions[0].arn;
      await page.getByLabel("Search executions by ARN or name").fill(arn);
      await page.getByLabel("Search executions by ARN or name").press("Enter");
      await page.waitForURL(/\/executions\//, { timeout: 30_000 });
      expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/executions/${arn}`);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("finds the demo's failed executions by their error and cause, shown in the Error column", async () => {
    const page = await newPage(site.browser);
    const rows = page.locator("[data-testid=search-hit]");
    // The cell under the "Error" heading, wherever the table puts that column.
    let errorColumn = 0;
    const errorCells = () => rows.locator(`td:nth-child(${errorColumn})`);
    const open = async (q: string) => {
      await page.goto(site.url(`/search?q=${encodeURIComponent(q)}`));
      await rows.first().waitFor({ timeout: 30_000 });
      errorColumn = (await page.locator("[data-testid=search] thead th").allInnerTexts()).indexOf("Error") + 1;
      expect(errorColumn, "the hits table has an Error column").toBeGreaterThan(0);
    };
    // The listing says FAILED and nothing more; the poller reads each failure's history once,
    // newest first, and writes its error and cause back onto the execution.
    await expect
      .poll(async () => {
        await open("machine:order-processing status:failed");
        return errorCells().first().innerText();
      }, { timeout: 120_000, interval: 2_000 })
      .not.toBe("");
    const error = await errorCells().first().innerText();
    const cause = (await errorCells().first().getAttribute("title")) ?? "";
    await open(`machine:order-processing error:${error}`);
    expect(new Set(await errorCells().allInnerTexts())).toEqual(new Set([error]));
    const word = cause.match(/[A-Za-z]{5,}/)?.[0];
    expect(word, `a word to look for in the cause "${cause}"`).toBeTruthy();
    await open(`machine:order-processing cause:"${word}"`);
    const causes = await errorCells().evaluateAll((cells) => cells.map((c) => c.getAttribute("title") ?? ""));
    expect(causes.length).toBeGreaterThan(0);
    for (const c of causes) expect(c.toLowerCase()).toContain(word!.toLowerCase());
    await screenshot(page, "search-by-cause");
  }, 240_000);
});
