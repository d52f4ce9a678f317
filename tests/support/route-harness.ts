/**
 * For tests that call our route handlers directly (no server) over the real SDK, with msw
 * standing in for the Step Functions endpoint. Config and the SDK context are module-level
 * singletons, so every test file that points them at the fake must also put them back.
 */
import { setupServer, type SetupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { resetConfig } from "@/lib/config/env";
import { resetSfnContext } from "@/lib/sfn";
import { FAKE_ENDPOINT } from "./fake-sfn";

export type RouteHandler = (request: Request, context: { params: Promise<{ arn: string }> }) => Promise<Response>;

export interface RouteResult {
  status: number;
  headers: Headers;
  /** The raw body, for checking what must never reach the browser. */
  text: string;
  body: any;
}

/** Calls a handler as Next would, with `arnSegment` as the `[arn]` path segment, exactly as given. */
export async function callRoute(handler: RouteHandler, url: string, arnSegment: string, init?: RequestInit): Promise<RouteResult> {
  const response = await handler(new Request(url, init), { params: Promise.resolve({ arn: arnSegment }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
}

/**
 * Registers the file's lifecycle hooks: msw listening, the SDK pointed at the fake endpoint with
 * no retries (a failure shows at once), `env` on top, and everything restored afterwards. Each
 * test's handlers are dropped after it; the file's beforeEach installs its own fake.
 */
export function useFakeSfnServer(env: Record<string, string> = {}): SetupServer {
  const server = setupServer();
  const savedEnv = { ...process.env };
  beforeAll(() => {
    server.listen({ onUnhandledRequest: "bypass" });
    process.env.AWS_ENDPOINT_URL_SFN = FAKE_ENDPOINT;
    process.env.STEPSCOPE_SFN_MAX_ATTEMPTS = "1";
    Object.assign(process.env, env);
    delete process.env.STEPSCOPE_SOURCE;
  });
  afterAll(() => {
    server.close();
    process.env = savedEnv;
    resetConfig();
    resetSfnContext();
  });
  afterEach(() => server.resetHandlers());
  return server;
}
