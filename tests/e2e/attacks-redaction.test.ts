/**
 * Redaction, attacked through a running Stepscope: `next start` with
 * STEPSCOPE_REDACT_PATHS='$..password,$.card.number' reading a hostile endpoint whose data
 * copies two secrets everywhere Step Functions copies payloads (tests/support/leaky-account.ts).
 * No API answer, no page (Chromium) and no Markdown export may contain them; a 10,000-deep
 * input stays viewable; and an unreadable path stops start-up naming it.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, newPage, screenshot, watchPageErrors } from "../support/browser";
import { arnOf } from "../support/fake-sfn";
import { serveFakeSfn, type FakeSfnHttp } from "../support/fake-sfn-http";
import { freePort } from "../support/free-port";
import { CHILD, DEEP, LEAKY, leakedSecrets, leakyAccount, MACHINE, MAP_RUN, REDACT_PATHS } from "../support/leaky-account";
import { distDir, startStepscope, type StepscopeServer } from "../support/server";
import { executionPath } from "./demo-site";

const enc = encodeURIComponent;

describe("redaction against a hostile endpoint (next start, Chromium)", () => {
  let endpoint: FakeSfnHttp;
  let stepscope: StepscopeServer;
  let browser: Browser;
  beforeAll(async () => {
    endpoint = await serveFakeSfn(leakyAccount());
    stepscope = await startStepscope({ env: { AWS_ENDPOINT_URL_SFN: endpoint.url, STEPSCOPE_SFN_MAX_ATTEMPTS: "1", STEPSCOPE_REDACT_PATHS: REDACT_PATHS } });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stepscope?.stop();
    await endpoint?.close();
  });

  it("no API answer carries a secret", async () => {
    const machine = enc(arnOf.machine(MACHINE));
    const paths = [
      "/api/state-machines?counts=24h",
      `/api/state-machines/${machine}`,
      `/api/state-machines/${machine}/executions`,
      `/api/state-machines/${machine}/metrics?window=24h`,
      "/api/fleet?window=24h",
      ...[LEAKY, CHILD, DEEP].flatMap((arn) => [`/api/executions/${enc(arn)}`, `/api/executions/${enc(arn)}/history`]),
      `/api/executions/${enc(LEAKY)}/history?after=12`,
      `/api/executions/${enc(LEAKY)}/map-runs`,
      `/api/map-runs/${enc(MAP_RUN)}`,
      `/api/map-runs/${enc(MAP_RUN)}/executions`,
    ];
    for (const p of paths) {
      const res = await fetch(`${stepscope.url}${p}`);
      const text = await res.text();
      expect(res.status, `${p}: ${text.slice(0, 200)}`).toBe(200);
      expect(leakedSecrets(text), p).toEqual([]);
    }
    expect(leakedSecrets(stepscope.output())).toEqual([]);
  });

  it("the execution page, each state's detail and the Markdown export show no secret", async () => {
    const page = await newPage(browser);
    const watch = watchPageErrors(page);
    for (const state of [undefined, "Charge", "SendToQueue", "StartChild"]) {
      await page.goto(`${stepscope.url}${executionPath(LEAKY, state)}`);
      await page.locator("[data-testid=execution-header]").waitFor({ timeout: 60_000 });
      await page.locator("[data-testid=event-count]").waitFor({ timeout: 60_000 });
      await page.waitForLoadState("networkidle", { timeout: 20_000 }).catch(() => undefined);
      expect(leakedSecrets(await page.content()), state ?? "default").toEqual([]);
    }
    expect(await page.locator("body").innerText()).toContain("[redacted]");
    await screenshot(page, "attacks-redacted-execution");

    const menu = page.locator("[data-testid=export-menu]");
    await menu.getByRole("button", { name: /Export/ }).click();
    const download = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: /Postmortem summary/ }).click();
    const file = await (await download).path();
    const markdown = readFileSync(file, "utf8");
    expect(markdown).toContain("States.Runtime");
    expect(leakedSecrets(markdown)).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it("the state machine page's error groups and the child execution page show no secret", async () => {
    const page = await newPage(browser);
    await page.goto(`${stepscope.url}/state-machines/${enc(arnOf.machine(MACHINE))}`);
    await page.locator("main").first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => undefined);
    expect(leakedSecrets(await page.content())).toEqual([]);
    await page.goto(`${stepscope.url}${executionPath(CHILD)}`);
    await page.locator("[data-testid=execution-header]").waitFor({ timeout: 60_000 });
    await page.waitForLoadState("networkidle", { timeout: 20_000 }).catch(() => undefined);
    expect(leakedSecrets(await page.content())).toEqual([]);
  });

  it("an execution whose input is 10,000 levels deep is viewable, redacted", async () => {
    const res = await fetch(`${stepscope.url}/api/executions/${enc(DEEP)}`);
    expect(res.status).toBe(200);
    const page = await newPage(browser);
    const watch = watchPageErrors(page);
    await page.goto(`${stepscope.url}${executionPath(DEEP)}`);
    await page.locator("[data-testid=execution-header]").waitFor({ timeout: 60_000 });
    await page.locator("[data-testid=event-count]").waitFor({ timeout: 60_000 });
    expect(leakedSecrets(await page.content())).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});

describe("an unreadable redaction path", () => {
  it("stops start-up with a message naming it", async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, STEPSCOPE_DIST_DIR: distDir(), NODE_ENV: "production", STEPSCOPE_REDACT_PATHS: "$.ok,card.number" };
    for (const key of ["STEPSCOPE_SOURCE", "AWS_ENDPOINT_URL_SFN", "AWS_ENDPOINT_URL"]) delete env[key];
    const child = spawn(path.join(process.cwd(), "node_modules", ".bin", "next"), ["start", "-H", "127.0.0.1", "-p", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve(null);
      }, 60_000);
      child.once("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code, output).toBe(1);
    expect(output).toContain('STEPSCOPE_REDACT_PATHS: Redaction path "card.number" must start with $');
  }, 90_000);
});
