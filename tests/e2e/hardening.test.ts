/**
 * Hardening seen from a browser and from the wire, on the production build:
 * security headers and a CSP the app runs under without violations; the access token;
 * markup in state names, errors and payloads staying text; and an endpoint outage shown
 * inline while the page keeps its data, then cleared when the endpoint returns.
 */
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorServer, type EmulatorServer } from "@/mocks";
import { launchChromium, newPage, screenshot, watchPageErrors } from "../support/browser";
import { arnOf, FakeSfn } from "../support/fake-sfn";
import { freePort, waitUntil } from "../support/free-port";
import { distDir, startStepscope, type StepscopeServer } from "../support/server";
import { SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { executionPath, startDemoSite, useDemoSite, type DemoSite } from "./demo-site";

const XSS = "<img src=x onerror=alert(1)>";

/** CSP violations show up as console errors in Chromium. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content[- ]Security[- ]Policy|Refused to (execute|load|apply)/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}

async function injectedImages(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('img[src="x"], img[onerror]').length);
}

describe("security headers and CSP (demo mode, Chromium)", () => {
  const site = useDemoSite();

  it("every page and API answer carries the security headers", async () => {
    for (const p of ["/", "/api/source"]) {
      const res = await fetch(site.url(p));
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, p).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain("unsafe-eval");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-powered-by")).toBeNull();
    }
    // Pages allow only the scripts that carry this response's nonce: no inline script otherwise.
    const first = (await fetch(site.url("/"))).headers.get("content-security-policy") ?? "";
    const second = (await fetch(site.url("/"))).headers.get("content-security-policy") ?? "";
    const scriptSrc = /script-src ([^;]*)/.exec(first)?.[1] ?? "";
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(/'nonce-[^']+'/.exec(second)?.[0]).not.toBe(/'nonce-[^']+'/.exec(first)?.[0]);
  });

  it("home, state machine and execution pages run under the policy with no violation", async () => {
    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    const csp = watchCsp(page);
    await page.goto(site.url("/"));
    const rows = page.locator("[data-testid=state-machine-row]");
    await rows.first().waitFor({ timeout: 60_000 });
    // Client-side navigation works, so the app's scripts ran under the policy.
    await rows.first().locator("a").first().click();
    await page.waitForURL(/\/state-machines\//, { timeout: 30_000 });
    await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => undefined);
    const { stateMachines } = await site.api<{ stateMachines: { arn: string; type: string }[] }>("/api/state-machines");
    const standard = stateMachines.find((m) => m.type === "STANDARD");
    const { executions } = await site.api<{ executions: { arn: string }[] }>(`/api/state-machines/${encodeURIComponent(standard!.arn)}/executions?limit=1`);
    await page.goto(site.url(executionPath(executions[0].arn)));
    await page.locator("[data-testid=execution-header]").waitFor({ timeout: 60_000 });
    expect(csp).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it("offers no Stop or Redrive while actions are disabled", async () => {
    const page = await newPage(site.browser);
    const { stateMachines } = await site.api<{ stateMachines: { arn: string; type: string }[] }>("/api/state-machines");
    const standard = stateMachines.find((m) => m.type === "STANDARD");
    const { executions } = await site.api<{ executions: { arn: string }[] }>(`/api/state-machines/${encodeURIComponent(standard!.arn)}/executions?status=FAILED&limit=1`);
    await page.goto(site.url(executionPath(executions[0].arn)));
    await page.locator("[data-testid=execution-header]").waitFor({ timeout: 60_000 });
    await page.waitForLoadState("networkidle", { timeout: 20_000 }).catch(() => undefined);
    expect(await page.locator("[data-testid^=action-]").count()).toBe(0);
  });
});

describe("Stop and Redrive with STEPSCOPE_ALLOW_ACTIONS=true (emulator mode, Chromium)", () => {
  // The demo account served over HTTP, so the test can start the execution it stops instead of
  // hoping one is running at this minute of the simulated day.
  let emulator: EmulatorServer | undefined;
  let started: DemoSite | undefined;
  beforeAll(async () => {
    emulator = await startEmulatorServer({ port: 0, seed: 42 });
    started = await startDemoSite({ STEPSCOPE_ALLOW_ACTIONS: "true", AWS_ENDPOINT_URL_SFN: emulator.url });
  }, 120_000);
  afterAll(async () => {
    await started?.stop();
    await emulator?.close();
  });
  const site = {
    url: (path: string) => started!.url(path),
    api: <T>(path: string) => started!.api<T>(path),
    get browser() {
      return started!.browser;
    },
  };

  async function startRunning(): Promise<string> {
    const sfn = new SFNClient({ endpoint: emulator!.url, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
    const out = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:etl-ingest",
        name: `stop-me-${Date.now()}`,
        input: JSON.stringify({ bucket: "raw-events", prefix: "2026/11/25/" }),
      }),
    );
    return out.executionArn!;
  }

  async function firstExecution(status: string): Promise<string> {
    const { stateMachines } = await site.api<{ stateMachines: { arn: string; type: string }[] }>("/api/state-machines");
    for (const machine of stateMachines.filter((m) => m.type === "STANDARD")) {
      const { executions } = await site.api<{ executions: { arn: string }[] }>(`/api/state-machines/${encodeURIComponent(machine.arn)}/executions?status=${status}&limit=1`);
      if (executions[0]) return executions[0].arn;
    }
    throw new Error(`The demo account has no ${status} execution`);
  }

  it("a failed execution offers Redrive", async () => {
    const page = await newPage(site.browser);
    await page.goto(site.url(executionPath(await firstExecution("FAILED"))));
    await page.locator("[data-testid=action-redrive]").waitFor({ timeout: 60_000 });
    expect(await page.locator("[data-testid=action-stop]").count()).toBe(0);
  });

  it("a running execution offers Stop; cancelling changes nothing, confirming aborts it", async () => {
    const page = await newPage(site.browser);
    const watch = watchPageErrors(page);
    const arn = await startRunning();
    await page.goto(site.url(executionPath(arn)));
    const stop = page.locator("[data-testid=action-stop]");
    await stop.waitFor({ timeout: 60_000 });
    await stop.click();
    const dialog = page.locator("[data-testid=action-dialog]");
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(arn);
    await screenshot(page, "hardening-stop-dialog");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect((await site.api<{ execution: { status: string } }>(`/api/executions/${encodeURIComponent(arn)}`)).execution.status).toBe("RUNNING");

    await stop.click();
    await page.locator("[data-testid=action-confirm]").click();
    await dialog.waitFor({ state: "detached", timeout: 30_000 });
    await page.locator("[data-testid=execution-header]").getByText(/aborted/i).first().waitFor({ timeout: 30_000 });
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});

/** `next start` with a token; startStepscope waits for an open /api/source, which a token closes. */
async function startWithToken(token: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, STEPSCOPE_DIST_DIR: distDir(), NODE_ENV: "production", STEPSCOPE_TOKEN: token, STEPSCOPE_DEMO_SEED: "42" };
  for (const key of ["STEPSCOPE_SOURCE", "AWS_ENDPOINT_URL_SFN", "AWS_ENDPOINT_URL"]) delete env[key];
  const child = spawn(path.join(process.cwd(), "node_modules", ".bin", "next"), ["start", "-H", "127.0.0.1", "-p", String(port)], { env, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  await waitUntil(async () => (await fetch(`${url}/api/source`)).status === 401, 60_000, "Stepscope with a token", () =>
    child.exitCode !== null ? `exited with ${child.exitCode}` : undefined,
  ).catch(async (e) => {
    await stop();
    throw e;
  });
  return { url, stop };
}

describe("access token", () => {
  const TOKEN = "e2e-token-0123456789abcdef";
  let server: { url: string; stop: () => Promise<void> };
  beforeAll(async () => {
    server = await startWithToken(TOKEN);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses the API with 401 JSON and pages with a plain page", async () => {
    const api = await fetch(`${server.url}/api/state-machines`);
    expect(api.status).toBe(401);
    expect((await api.json()).error.message).toMatch(/requires an access token/);
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(html).toContain("Access token needed");
    expect(html).not.toContain("<script");
    const wrong = await fetch(`${server.url}/api/source`, { headers: { authorization: "Bearer wrong" } });
    expect(wrong.status).toBe(401);
  });

  it("accepts the bearer header", async () => {
    const res = await fetch(`${server.url}/api/source`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
  });

  it("?token= once sets an HttpOnly SameSite=Strict cookie, drops the token from the URL, and the app works", async () => {
    const res = await fetch(`${server.url}/?token=${TOKEN}`, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).not.toContain("token");
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(res.headers.get("set-cookie")).toMatch(/SameSite=Strict/i);

    const browser = await launchChromium();
    try {
      const page = await newPage(browser);
      await page.goto(`${server.url}/?token=${TOKEN}`);
      expect(page.url()).not.toContain("token=");
      await page.locator("[data-testid=state-machine-row]").first().waitFor({ timeout: 60_000 });
      const cookies = await page.context().cookies();
      const cookie = cookies.find((c) => c.name === "stepscope_token");
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe("Strict");
      expect(await page.evaluate(() => document.cookie)).not.toContain(TOKEN);
    } finally {
      await browser.close();
    }
  });
});

/** A fake endpoint whose names, errors, causes and payloads are all markup. */
function xssFake(): FakeSfn {
  const fake = new FakeSfn();
  const definition = JSON.stringify({
    Comment: XSS,
    StartAt: XSS,
    States: {
      [XSS]: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Next: `${XSS} 2` },
      [`${XSS} 2`]: { Type: "Fail", Error: XSS, Cause: XSS },
    },
  });
  fake.machines = [{ name: "xss", type: "STANDARD", createdSeconds: Math.floor(Date.now() / 1000) - 3600, definition }];
  const start = Math.floor(Date.now() / 1000) - 120;
  const payload = JSON.stringify({ [XSS]: XSS, html: XSS });
  const cause = JSON.stringify({ errorMessage: XSS, errorType: XSS, stackTrace: [XSS] });
  fake.addExecution({
    machine: "xss",
    name: "run-1",
    status: "FAILED",
    startSeconds: start,
    stopSeconds: start + 5,
    events: [
      { id: 1, previousEventId: 0, timestamp: start, type: "ExecutionStarted", executionStartedEventDetails: { input: payload, roleArn: "r" } },
      { id: 2, previousEventId: 1, timestamp: start + 1, type: "TaskStateEntered", stateEnteredEventDetails: { name: XSS, input: payload } },
      { id: 3, previousEventId: 2, timestamp: start + 1, type: "TaskScheduled", taskScheduledEventDetails: { resource: "invoke", resourceType: "lambda", region: "us-east-1", parameters: payload } },
      { id: 4, previousEventId: 3, timestamp: start + 2, type: "TaskFailed", taskFailedEventDetails: { resource: "invoke", resourceType: "lambda", error: XSS, cause } },
      { id: 5, previousEventId: 4, timestamp: start + 3, type: "ExecutionFailed", executionFailedEventDetails: { error: XSS, cause } },
    ],
  });
  return fake;
}

/** Serves a FakeSfn over HTTP, with the machine's display name and the execution's error made of markup too. */
function serveFake(fake: FakeSfn): Promise<{ url: string; server: Server }> {
  const dispatch = (fake as unknown as { dispatch(t: string, b: Record<string, unknown>): Record<string, unknown> }).dispatch.bind(fake);
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "").replace(/^AWSStepFunctions\./, "");
      const out = dispatch(target, text ? JSON.parse(text) : {});
      if (Array.isArray(out.stateMachines)) for (const m of out.stateMachines as { name: string }[]) m.name = XSS;
      if (target === "DescribeStateMachine" || target === "DescribeStateMachineForExecution") out.name = XSS;
      if (target === "DescribeExecution" && !("__type" in out)) Object.assign(out, { error: XSS, cause: JSON.stringify({ errorMessage: XSS }), input: JSON.stringify({ html: XSS }) });
      res.writeHead("__type" in out ? 400 : 200, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify(out));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })));
}

describe("markup in names, errors and payloads stays text (Chromium)", () => {
  let endpoint: { url: string; server: Server };
  let stepscope: StepscopeServer;
  const fake = xssFake();
  beforeAll(async () => {
    endpoint = await serveFake(fake);
    stepscope = await startStepscope({ env: { AWS_ENDPOINT_URL_SFN: endpoint.url, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" } });
  }, 120_000);
  afterAll(async () => {
    await stepscope?.stop();
    endpoint?.server.close();
  });

  it("nothing executes and no element is injected on the home, state machine and execution pages", async () => {
    const browser = await launchChromium();
    try {
      const page = await newPage(browser);
      const watch = watchPageErrors(page);
      const machine = arnOf.machine("xss");
      const execution = arnOf.execution("xss", "run-1");
      const pages: [string, string][] = [
        ["/", "[data-testid=state-machine-row]"],
        [`/state-machines/${encodeURIComponent(machine)}`, "main"],
        [executionPath(execution), "[data-testid=execution-header]"],
      ];
      for (const [p, ready] of pages) {
        await page.goto(`${stepscope.url}${p}`);
        await page.locator(ready).first().waitFor({ timeout: 60_000 });
        await page.waitForLoadState("networkidle", { timeout: 20_000 }).catch(() => undefined);
        expect(await injectedImages(page), p).toBe(0);
        // Shown, as text.
        expect(await page.locator("body").innerText(), p).toContain(XSS);
      }
      await screenshot(page, "hardening-xss-execution");
      expect(watch.dialogs).toEqual([]);
      expect(watch.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe("endpoint outage (emulator stopped and started again)", () => {
  let emulator: EmulatorServer | undefined;
  let port: number;
  let stepscope: StepscopeServer;
  beforeAll(async () => {
    port = await freePort();
    emulator = await startEmulatorServer({ port, seed: 42 });
    stepscope = await startStepscope({
      env: { AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${port}`, STEPSCOPE_SFN_MAX_ATTEMPTS: "1", STEPSCOPE_SFN_TIMEOUT_MS: "3000" },
    });
  }, 120_000);
  afterAll(async () => {
    await stepscope?.stop();
    await emulator?.close();
  });

  /** The home page with its table loaded: the rows are what an outage must not take away. */
  async function openHome(browser: Browser) {
    const page = await newPage(browser);
    const watch = watchPageErrors(page);
    await page.goto(`${stepscope.url}/`);
    const rows = page.locator("[data-testid=state-machine-row]");
    await rows.first().waitFor({ timeout: 60_000 });
    return { page, watch, rows, shown: await rows.count() };
  }

  it("the API answers 503 UNAVAILABLE naming the endpoint, the page keeps its table and says so, then both recover", async () => {
    const browser = await launchChromium();
    try {
      const { page, watch, rows, shown } = await openHome(browser);

      const account = emulator!.account;
      await emulator!.close();
      emulator = undefined;
      let down: { status: number; body: { error?: { code: string; message: string } } } = { status: 0, body: {} };
      await waitUntil(
        async () => {
          const res = await fetch(`${stepscope.url}/api/state-machines`);
          down = { status: res.status, body: await res.json() };
          return res.status !== 200;
        },
        30_000,
        "the outage to show in the API",
      );
      expect(down.status).toBe(503);
      expect(down.body.error?.code).toBe("UNAVAILABLE");
      expect(down.body.error?.message).toContain(`127.0.0.1:${port}`);

      const notice = page.locator("[data-testid=error-notice]");
      await notice.first().waitFor({ timeout: 90_000 });
      expect(await notice.first().innerText()).toContain(`127.0.0.1:${port}`);
      expect(await rows.count()).toBe(shown);
      await screenshot(page, "hardening-outage");

      emulator = await startEmulatorServer({ port, account });
      await waitUntil(async () => (await fetch(`${stepscope.url}/api/state-machines`)).ok, 30_000, "the API to recover");
      await notice.first().waitFor({ state: "detached", timeout: 60_000 });
      expect(await rows.count()).toBe(shown);
      expect(watch.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 240_000);

  it("under AWS throttling the page keeps its table and says the data is delayed, then clears", async () => {
    const browser = await launchChromium();
    try {
      const { page, watch, rows, shown } = await openHome(browser);

      emulator!.account.setIntercept(() => ({
        status: 400,
        body: { __type: "com.amazonaws.states#ThrottlingException", message: "Rate exceeded" },
      }));
      const notice = page.locator("[data-testid=error-notice]");
      await notice.first().waitFor({ timeout: 90_000 });
      expect(await notice.first().innerText()).toContain("Delayed by AWS throttling");
      expect(await rows.count()).toBe(shown);
      await screenshot(page, "hardening-throttled");

      emulator!.account.setIntercept(undefined);
      await notice.first().waitFor({ state: "detached", timeout: 90_000 });
      expect(await rows.count()).toBe(shown);
      expect(watch.errors).toEqual([]);
    } finally {
      emulator?.account.setIntercept(undefined);
      await browser.close();
    }
  }, 240_000);
});
