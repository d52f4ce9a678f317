/**
 * The server trusts nobody, attacked through a running Stepscope: a DNS-rebinding page (Chromium
 * resolving attacker.example to 127.0.0.1) can neither read payloads nor Stop an execution,
 * token or not; credentials written into AWS_ENDPOINT_URL_SFN never show; and every error,
 * everywhere, is the JSON contract (or the HTML error page) with the security headers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, newPage } from "../support/browser";
import { arnOf, FakeSfn, makeEvents } from "../support/fake-sfn";
import { serveFakeSfn, type FakeSfnHttp } from "../support/fake-sfn-http";
import { waitUntil } from "../support/free-port";
import { rawRequest, type RawResponse } from "../support/raw-http";
import { startStepscope, type StepscopeServer } from "../support/server";

const PAYLOAD_SECRET = "payload-only-the-operator-may-see";
const ENDPOINT_PASSWORD = "Endpoint-Pa55word";
const TOKEN = "attack-token-0123456789abcdef";
const DISGUISED = "pay\u200Bments";

function account(): FakeSfn {
  const fake = new FakeSfn();
  const now = Math.floor(Date.now() / 1000);
  const definition = '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}';
  fake.machines = [
    { name: "orders", type: "STANDARD", createdSeconds: now - 86_400, definition },
    // A zero-width space: without it shown, this name passes for "payments".
    { name: DISGUISED, type: "STANDARD", createdSeconds: now - 86_400, definition },
  ];
  const events = makeEvents(3, now - 60, false);
  (events[0].executionStartedEventDetails as { input: string }).input = JSON.stringify({ note: PAYLOAD_SECRET });
  fake.addExecution({ machine: "orders", name: "running-1", status: "RUNNING", startSeconds: now - 60, events, description: { input: JSON.stringify({ note: PAYLOAD_SECRET }) } });
  return fake;
}

const RUNNING = arnOf.execution("orders", "running-1");

function expectSecurityHeaders(res: RawResponse, what: string) {
  expect(res.headers["content-security-policy"], what).toContain("default-src 'self'");
  expect(res.headers["x-content-type-options"], what).toBe("nosniff");
  expect(res.headers["x-frame-options"], what).toBe("DENY");
  expect(res.headers["referrer-policy"], what).toBe("no-referrer");
}

function expectJsonError(res: RawResponse, status: number, code: string, what: string) {
  expect(res.status, `${what}: ${res.text.slice(0, 200)}`).toBe(status);
  expect(String(res.headers["content-type"]), what).toMatch(/^application\/json/);
  expect(JSON.parse(res.text).error.code, what).toBe(code);
  expectSecurityHeaders(res, what);
}

describe.each([
  ["without a token", {}],
  ["with a token", { STEPSCOPE_TOKEN: TOKEN }],
])("DNS rebinding %s, actions on (next start, Chromium)", (_label, tokenEnv: Record<string, string>) => {
  let fake: FakeSfn;
  let endpoint: FakeSfnHttp;
  let stepscope: StepscopeServer;
  const auth: Record<string, string> = tokenEnv.STEPSCOPE_TOKEN ? { authorization: `Bearer ${TOKEN}` } : {};
  beforeAll(async () => {
    fake = account();
    endpoint = await serveFakeSfn(fake);
    stepscope = await startStepscope({
      env: { AWS_ENDPOINT_URL_SFN: endpoint.url, STEPSCOPE_SFN_MAX_ATTEMPTS: "1", STEPSCOPE_ALLOW_ACTIONS: "true", ...tokenEnv },
      ready: tokenEnv.STEPSCOPE_TOKEN ? 401 : 200,
    });
  }, 120_000);
  afterAll(async () => {
    await stepscope?.stop();
    await endpoint?.close();
  });

  it("refuses pages and the API for a foreign Host, even with X-Forwarded-Host set to ours", async () => {
    const port = new URL(stepscope.url).port;
    const spoofs: Record<string, string>[] = [{ host: `attacker.example:${port}` }, { host: `attacker.example:${port}`, "x-forwarded-host": `127.0.0.1:${port}` }];
    for (const headers of spoofs) {
      const api = await rawRequest(stepscope.url, "GET", `/api/executions/${encodeURIComponent(RUNNING)}`, { ...headers, ...auth });
      expectJsonError(api, 403, "ACCESS_DENIED", "API");
      expect(api.text).not.toContain(PAYLOAD_SECRET);
      const page = await rawRequest(stepscope.url, "GET", "/", { ...headers, ...auth });
      expect(page.status).toBe(403);
      expect(String(page.headers["content-type"])).toMatch(/^text\/html/);
      expectSecurityHeaders(page, "page");
    }
    // Our own names still work.
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await rawRequest(stepscope.url, "GET", "/api/source", { host, ...auth })).status, host).toBe(200);
    }
  });

  it("a rebinding page in Chromium can neither read an execution nor stop it", async () => {
    const browser = await launchChromium(["--host-resolver-rules=MAP attacker.example 127.0.0.1"]);
    try {
      const page = await newPage(browser);
      const port = new URL(stepscope.url).port;
      const response = await page.goto(`http://attacker.example:${port}/`);
      expect(response?.status()).toBe(403);
      // What the attacker's script would do once attacker.example points at 127.0.0.1.
      const attempts = await page.evaluate(
        async ({ arn, token }) => {
          const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
          const read = await fetch(`/api/executions/${encodeURIComponent(arn)}`, { headers });
          const stop = await fetch(`/api/executions/${encodeURIComponent(arn)}/stop`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: "{}" });
          return { read: read.status, readText: await read.text(), stop: stop.status };
        },
        { arn: RUNNING, token: tokenEnv.STEPSCOPE_TOKEN ?? "" },
      );
      expect(attempts.read).toBe(403);
      expect(attempts.readText).not.toContain(PAYLOAD_SECRET);
      expect(attempts.stop).toBe(403);
      expect(fake.callsTo("StopExecution")).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("a Stop whose Origin differs in scheme, host or port is refused", async () => {
    const port = new URL(stepscope.url).port;
    for (const origin of [`https://127.0.0.1:${port}`, `http://127.0.0.1:${Number(port) + 1}`, `http://localhost:${port}`, "null"]) {
      const res = await rawRequest(stepscope.url, "POST", `/api/executions/${encodeURIComponent(RUNNING)}/stop`, { host: `127.0.0.1:${port}`, origin, "content-type": "application/json", ...auth }, "{}");
      expectJsonError(res, 403, "ACCESS_DENIED", origin);
    }
    expect(fake.callsTo("StopExecution")).toEqual([]);
  });
});

describe("credentials in AWS_ENDPOINT_URL_SFN, and the error contract (next start, Chromium)", () => {
  let endpoint: FakeSfnHttp | undefined;
  let stepscope: StepscopeServer;
  beforeAll(async () => {
    endpoint = await serveFakeSfn(account());
    const withCredentials = endpoint.url.replace("http://", `http://stepscope:${ENDPOINT_PASSWORD}@`);
    stepscope = await startStepscope({ env: { AWS_ENDPOINT_URL_SFN: `${withCredentials}/?apikey=${ENDPOINT_PASSWORD}`, STEPSCOPE_SFN_MAX_ATTEMPTS: "1", STEPSCOPE_SFN_TIMEOUT_MS: "2000" } });
  }, 120_000);
  afterAll(async () => {
    await stepscope?.stop();
    await endpoint?.close();
  });

  it("never shows them: not in /api/source, the badge, errors or logs", async () => {
    const source = await (await fetch(`${stepscope.url}/api/source`)).text();
    expect(source).toContain(new URL(endpoint!.url).host);
    expect(source).not.toContain(ENDPOINT_PASSWORD);
    const browser = await launchChromium();
    try {
      const page = await newPage(browser);
      await page.goto(`${stepscope.url}/`);
      await page.locator("[data-testid=source-badge]").waitFor({ timeout: 60_000 });
      await page.waitForLoadState("networkidle", { timeout: 20_000 }).catch(() => undefined);
      expect(await page.content()).not.toContain(ENDPOINT_PASSWORD);
      expect(await page.locator("[data-testid=source-badge]").getAttribute("title")).not.toContain(ENDPOINT_PASSWORD);
      // Names are shown with their invisible characters made visible.
      const row = page.locator(`[data-testid=state-machine-row][data-name="${DISGUISED}"]`);
      await row.waitFor({ timeout: 60_000 });
      expect(await row.innerText()).toContain("pay⟨U+200B⟩ments");
      expect(await row.innerText()).not.toContain("\u200B");
    } finally {
      await browser.close();
    }
    await endpoint!.close();
    endpoint = undefined;
    let down = "";
    await waitUntil(
      async () => {
        const res = await fetch(`${stepscope.url}/api/executions/${encodeURIComponent(RUNNING)}/history`);
        down = await res.text();
        return res.status >= 500;
      },
      30_000,
      "the outage to show",
    );
    expect(down).toMatch(/UNAVAILABLE|TIMEOUT|UPSTREAM/);
    expect(down).not.toContain(ENDPOINT_PASSWORD);
    expect(stepscope.output()).not.toContain(ENDPOINT_PASSWORD);
  });

  it("malformed percent-encoding is a 400, other methods a 405, an unknown API path a JSON 404, with the headers", async () => {
    expectJsonError(await rawRequest(stepscope.url, "GET", "/api/executions/%E0%A4%A"), 400, "BAD_REQUEST", "bad encoding, API");
    expectJsonError(await rawRequest(stepscope.url, "GET", "/api/executions/%zz/history"), 400, "BAD_REQUEST", "bad escape, API");
    const badPage = await rawRequest(stepscope.url, "GET", "/executions/%E0%A4%A");
    expect(badPage.status).toBe(400);
    expect(String(badPage.headers["content-type"])).toMatch(/^text\/html/);
    expectSecurityHeaders(badPage, "bad encoding, page");

    for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const api = await rawRequest(stepscope.url, method, "/api/source");
      expectJsonError(api, 405, "METHOD_NOT_ALLOWED", `${method} API`);
      expect(api.headers.allow).toBe("GET, HEAD");
    }
    const trace = await rawRequest(stepscope.url, "TRACE", "/");
    expect(trace.status).toBe(405);
    expectSecurityHeaders(trace, "TRACE page");
    expectJsonError(await rawRequest(stepscope.url, "POST", "/api/state-machines", { "content-type": "application/json" }, "{}"), 405, "METHOD_NOT_ALLOWED", "POST list");

    for (const p of ["/api/nope", "/api/executions/x/nope", "/api"]) expectJsonError(await rawRequest(stepscope.url, "GET", p), 404, "NOT_FOUND", p);
    const missingPage = await rawRequest(stepscope.url, "GET", "/no-such-page");
    expect(missingPage.status).toBe(404);
    expect(String(missingPage.headers["content-type"])).toMatch(/^text\/html/);
    expectSecurityHeaders(missingPage, "404 page");
  });
});
