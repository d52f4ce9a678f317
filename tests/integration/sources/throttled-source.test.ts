/**
 * One source throttled, one denied, one healthy, served in-process through msw: each says so
 * in /api/sources and in the fleet's totals, and the fleet answers with the healthy one's rows.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getFleet } from "@/app/api/fleet/route";
import { GET as getSources } from "@/app/api/sources/route";
import type { FleetResponse, SourcesResponse } from "@/lib/contract/api";
import { demoScopeEndpoint } from "@/lib/config/sources";
import { createDemoAccount, createDemoHandlers } from "@/mocks";
import { callRoute, type RouteHandler } from "../../support/route-harness";
import { useSourceEnv } from "../../support/source-env";

const ACCOUNTS: Record<string, string> = { ok: "111111111111", slow: "222222222222", locked: "333333333333" };
const refuse = (type: string, message: string) => () => ({ status: 400, body: { __type: `com.amazonaws.states#${type}`, message } });

describe("sources that fail differently", () => {
  const account = (name: string) => createDemoAccount({ seed: 42, scope: `${name}:us-east-1`, accountId: ACCOUNTS[name] });
  const server = setupServer(
    ...createDemoHandlers(account("ok")),
    ...createDemoHandlers(account("slow"), demoScopeEndpoint("slow", "us-east-1"), { intercept: refuse("ThrottlingException", "Rate exceeded") }),
    ...createDemoHandlers(account("locked"), demoScopeEndpoint("locked", "us-east-1"), { intercept: refuse("AccessDeniedException", "User is not authorized to perform: states:ListStateMachines") }),
  );

  beforeAll(() => server.listen({ onUnhandledRequest: "bypass" }));
  afterAll(() => server.close());
  useSourceEnv(() => ({
    STEPSCOPE_DATABASE_URL: "memory",
    STEPSCOPE_SOURCES: JSON.stringify(
      ["ok", "slow", "locked"].map((name) => ({ name, demo: true, regions: ["us-east-1"], accountId: ACCOUNTS[name] })),
    ),
  }));

  it("shows each source's own health while the healthy one keeps answering", async () => {
    const fleet = await callRoute(getFleet as RouteHandler, "http://stepscope.test/api/fleet?window=15m&limit=500", "");
    expect(fleet.status).toBe(200);
    const body = fleet.body as FleetResponse;
    expect(body.sources.map((s) => [s.scope.id, s.scope.health.state])).toEqual([
      ["ok:us-east-1", "ok"],
      ["slow:us-east-1", "throttled"],
      ["locked:us-east-1", "denied"],
    ]);
    expect(body.rows.length).toBeGreaterThan(0);
    expect(new Set(body.rows.map((r) => r.source.id))).toEqual(new Set(["ok:us-east-1"]));
    expect(body.totals.machines).toBe(body.sources[0].machines);

    const sources = (await callRoute(getSources as unknown as RouteHandler, "http://stepscope.test/api/sources", "")).body as SourcesResponse;
    expect(sources.sources.find((s) => s.id === "locked:us-east-1")?.health.message).toContain("states:ListStateMachines");
    expect(sources.sources.find((s) => s.id === "slow:us-east-1")?.health.message).toMatch(/throttl/i);
  }, 120_000);

  it("answers with the first selected source's failure when every selected source fails", async () => {
    const fleet = await callRoute(getFleet as RouteHandler, "http://stepscope.test/api/fleet?window=15m&source=slow:us-east-1&source=locked:us-east-1", "");
    expect(fleet.status).toBe(503);
    expect(fleet.body.error.code).toBe("THROTTLED");
  });
});
