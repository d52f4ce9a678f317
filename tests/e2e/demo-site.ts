/**
 * Shared set-up for end-to-end tests: one production server in demo mode and one Chromium per
 * test file, plus small API helpers to find demo executions with the traits a test needs
 * (the demo account is deterministic under its seed, but tests look executions up by trait
 * rather than hard-coding ids, so a richer demo account does not break them).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startStepscope, type StepscopeServer } from "../support/server";
import { launchChromium } from "../support/browser";
import type { ExecutionsResponse, ExecutionSummary, HistoryResponse, StateMachinesResponse } from "@/lib/contract/api";
import type { StateMachineResponse } from "@/lib/contract/api";
import { foldExecution } from "@/lib/postmortem/branch-identity";
import type { ExecutionModel } from "@/lib/history/model";

export interface DemoSite {
  server: StepscopeServer;
  browser: Browser;
  url(path: string): string;
  api<T>(path: string): Promise<T>;
  stop(): Promise<void>;
}

export async function startDemoSite(env: Record<string, string> = {}): Promise<DemoSite> {
  const server = await startStepscope({ env: { STEPSCOPE_DEMO_SEED: "42", ...env } });
  const browser = await launchChromium().catch(async (err) => {
    await server.stop();
    throw err;
  });
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`);
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    server,
    browser,
    url: (path) => `${server.url}${path}`,
    api,
    stop: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

/**
 * A demo site for the enclosing describe block: started before its tests (its own beforeAll
 * hooks run after, so they may use it) and stopped after them. The object is usable as soon as
 * the site is up; touching it earlier is a mistake in the test, so it throws.
 */
export function useDemoSite(env: Record<string, string> = {}): DemoSite {
  let started: DemoSite | undefined;
  beforeAll(async () => {
    started = await startDemoSite(env);
  }, 120_000);
  afterAll(async () => {
    await started?.stop();
  });
  const current = (): DemoSite => {
    if (!started) throw new Error("The demo site is used before its beforeAll has started it");
    return started;
  };
  return {
    get server() {
      return current().server;
    },
    get browser() {
      return current().browser;
    },
    url: (path) => current().url(path),
    api: <T>(path: string) => current().api<T>(path),
    stop: () => current().stop(),
  };
}

export function executionPath(arn: string, state?: string): string {
  return `/executions/${encodeURIComponent(arn)}${state ? `?state=${encodeURIComponent(state)}` : ""}`;
}

export async function stateMachineArn(site: DemoSite, name: string): Promise<string> {
  const { stateMachines } = await site.api<StateMachinesResponse>("/api/state-machines");
  const found = stateMachines.find((s) => s.name === name);
  if (!found) throw new Error(`The demo account has no state machine named ${name}: ${stateMachines.map((s) => s.name).join(", ")}`);
  return found.arn;
}

/** Walks a machine's executions (newest first) and returns the first whose model satisfies `test`. */
export async function findExecution(
  site: DemoSite,
  machine: string,
  status: string | undefined,
  test: (model: ExecutionModel, summary: ExecutionSummary) => boolean,
  maxExamined = 200,
): Promise<{ summary: ExecutionSummary; model: ExecutionModel }> {
  const arn = await stateMachineArn(site, machine);
  // Folded as the page folds it: Parallel branches numbered by the definition.
  const { stateMachine } = await site.api<StateMachineResponse>(`/api/state-machines/${encodeURIComponent(arn)}`);
  let cursor: string | undefined;
  let examined = 0;
  do {
    const q = new URLSearchParams({ limit: "100" });
    if (status) q.set("status", status);
    if (cursor) q.set("cursor", cursor);
    const page = await site.api<ExecutionsResponse>(`/api/state-machines/${encodeURIComponent(arn)}/executions?${q}`);
    for (const summary of page.executions) {
      if (examined++ >= maxExamined) break;
      const history = await site.api<HistoryResponse>(`/api/executions/${encodeURIComponent(summary.arn)}/history`);
      const model = foldExecution(history.events, stateMachine.definition);
      if (test(model, summary)) return { summary, model };
    }
    cursor = page.nextCursor;
  } while (cursor && examined < maxExamined);
  throw new Error(`No ${status ?? ""} execution of ${machine} matched among ${examined} examined`);
}
