/**
 * Several scopes share one store, and an instance that does not hold the poller lease (a second
 * replica) answers from it. Each scope must still show only its own account × Region: its own
 * machines in the fleet and its own totals (and the lease holder reads CloudWatch figures for the
 * same machines: both come from the scope's share of the store).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getFleet } from "@/app/api/fleet/route";
import type { FleetResponse } from "@/lib/contract/api";
import { arnRegionAndAccount } from "@/lib/server/sources/route-arn";
import { scopeService, sourceRegistry } from "@/lib/server/sources/registry";
import { createDemoOrganisation, createDemoOrganisationHandlers } from "@/mocks";
import { callRoute, type RouteHandler } from "../../support/route-harness";
import { useSourceEnv } from "../../support/source-env";

describe("scopes sharing one store", () => {
  const server = setupServer(...createDemoOrganisationHandlers(createDemoOrganisation({ seed: 42 })));
  const dir = mkdtempSync(join(tmpdir(), "stepscope-scope-figures-"));

  const fleet = async (window: string) =>
    (await callRoute(getFleet as RouteHandler, `http://stepscope.test/api/fleet?window=${window}&limit=500`, "")).body as FleetResponse;

  beforeAll(() => {
    server.listen({ onUnhandledRequest: "bypass" });
  });

  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  useSourceEnv(() => ({ STEPSCOPE_DATABASE_URL: `sqlite://${join(dir, "store.sqlite")}` }));

  it("shows each scope only its own machines, on the polling instance and on one that only reads the store", async () => {
    /** Every row is the machine of its own scope's account and Region, once. */
    const ownRowsOnly = (answer: FleetResponse) => {
      expect(answer.rows.length).toBe(new Set(answer.rows.map((r) => r.arn)).size);
      for (const row of answer.rows) {
        const where = arnRegionAndAccount(row.arn)!;
        expect([row.name, where.region, where.accountId]).toEqual([row.name, row.source.region, row.source.accountId]);
      }
      return Object.fromEntries(answer.sources.map((s) => [s.scope.id, s.machines]));
    };
    const polled = ownRowsOnly(await fleet("1h"));
    expect(Object.values(polled).filter((n) => n > 0)).toHaveLength(3);
    // This instance gives the lease up: from now on it answers from the store, as a second replica does.
    (await scopeService(sourceRegistry().scopes[0])).lease!.relinquish();
    const read = ownRowsOnly(await fleet("1h"));
    // The denied scope lists nothing when polled; from the store it still shows none of the others'.
    expect(read).toEqual(polled);
  }, 120_000);
});
