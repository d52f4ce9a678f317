/**
 * The unconfigured demo is the demo organisation: four account × Region scopes, one of them
 * denied, served in-process through msw. Through the route handlers over the real SDK: every
 * scope is listed with its health, the fleet has the healthy ones' rows and each scope's totals,
 * and an ARN opens against the client of its own account and Region with no `?source=`.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getFleet } from "@/app/api/fleet/route";
import { GET as getSource } from "@/app/api/source/route";
import { GET as getSources } from "@/app/api/sources/route";
import { GET as getStateMachine } from "@/app/api/state-machines/[arn]/route";
import { GET as getMachineExecutions } from "@/app/api/state-machines/[arn]/executions/route";
import type { ExecutionsResponse, FleetResponse, SourceInfo, SourcesResponse, StateMachineResponse } from "@/lib/contract/api";
import { createDemoOrganisation, createDemoOrganisationHandlers, DEMO_STAGING_ACCOUNT_ID } from "@/mocks";
import { callRoute, type RouteHandler } from "../../support/route-harness";
import { useSourceEnv } from "../../support/source-env";

describe("the demo organisation", () => {
  const server = setupServer(...createDemoOrganisationHandlers(createDemoOrganisation({ seed: 42 })));
  /** Step Functions calls by the host they were sent to. */
  let callsByHost: Record<string, number> = {};

  const call = <T,>(handler: RouteHandler, url: string, arn = "") =>
    callRoute(handler, `http://stepscope.test${url}`, arn) as Promise<{ status: number; body: T }>;

  beforeAll(() => {
    server.listen({ onUnhandledRequest: "bypass" });
    server.events.on("request:start", ({ request }) => {
      if (!request.headers.get("x-amz-target")?.startsWith("AWSStepFunctions.")) return;
      const host = new URL(request.url).host;
      callsByHost[host] = (callsByHost[host] ?? 0) + 1;
    });
  });

  afterAll(() => server.close());
  useSourceEnv(() => ({ STEPSCOPE_DATABASE_URL: "memory" }));

  it("lists every account and Region; the fleet has the healthy ones' machines and the denied one says so", async () => {
    const fleet = (await call<FleetResponse>(getFleet as RouteHandler, "/api/fleet?window=1h&limit=500")).body;
    expect(fleet.sources.map((s) => s.scope.id)).toEqual(["prod:us-east-1", "prod:eu-west-1", "staging:us-east-1", "staging:eu-west-1"]);
    const byId = Object.fromEntries(fleet.sources.map((s) => [s.scope.id, s]));
    expect(byId["staging:eu-west-1"]).toMatchObject({ machines: 0, scope: { health: { state: "denied" } } });
    for (const id of ["prod:us-east-1", "prod:eu-west-1", "staging:us-east-1"]) {
      expect(byId[id].scope.health.state).toBe("ok");
      expect(byId[id].machines).toBe(fleet.rows.filter((r) => r.source.id === id).length);
      expect(byId[id].machines).toBeGreaterThan(0);
    }
    expect(fleet.rows.find((r) => r.name === "checkout-v2")?.source).toMatchObject({ id: "staging:us-east-1", accountId: DEMO_STAGING_ACCOUNT_ID });
    expect(fleet.totals.machines).toBe(fleet.rows.length);
    expect(fleet.totals.counts.FAILED).toBe(fleet.sources.reduce((n, s) => n + s.counts.FAILED, 0));
    expect(fleet.totals.started).toBe(fleet.rows.reduce((n, r) => n + (r.summary?.started ?? 0), 0));

    const sources = (await call<SourcesResponse>(getSources as unknown as RouteHandler, "/api/sources")).body;
    const denied = sources.sources.find((s) => s.id === "staging:eu-west-1")!;
    expect(denied).toMatchObject({ kind: "demo", accountId: DEMO_STAGING_ACCOUNT_ID, health: { state: "denied" } });
    expect(denied.health.message).toMatch(/denied/i);
    // The badge of before still names the demo account.
    expect((await call<SourceInfo>(getSource as unknown as RouteHandler, "/api/source")).body).toMatchObject({ kind: "demo", label: "Demo account", id: "prod:us-east-1" });
  }, 120_000);

  it("opens each machine against its own account and Region, without ?source=", async () => {
    const fleet = (await call<FleetResponse>(getFleet as RouteHandler, "/api/fleet?window=1h&limit=500")).body;
    for (const id of ["prod:us-east-1", "prod:eu-west-1", "staging:us-east-1"]) {
      const row = fleet.rows.find((r) => r.source.id === id && r.type === "STANDARD")!;
      callsByHost = {};
      const machine = await call<StateMachineResponse>(getStateMachine as RouteHandler, "/api/state-machines/x", row.arn);
      expect(machine.status).toBe(200);
      expect(machine.body.source.id).toBe(id);
      const [name, region] = id.split(":");
      // The first scope is the single demo account of before, at its old endpoint.
      const host = id === "prod:us-east-1" ? "states.demo.stepscope.invalid" : `states.${region}.${name}.demo.stepscope.invalid`;
      expect(Object.keys(callsByHost)).toEqual([host]);

      const executions = await call<ExecutionsResponse>(getMachineExecutions as RouteHandler, "/api/state-machines/x/executions?limit=3", row.arn);
      expect(executions.status).toBe(200);
      expect(executions.body.executions.every((e) => e.stateMachineArn === row.arn)).toBe(true);
    }
  }, 60_000);
});
