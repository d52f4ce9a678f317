/**
 * The state machine page's state × execution grid for a machine with a distributed Map: the
 * processor's states take their outcome from the child executions instead of reading "not
 * reached" (the parent's history has no runs for them).
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { resolveWindow } from "@/lib/metrics";
import { createSfnContext } from "@/lib/sfn";
import { FleetIndex } from "@/lib/server/fleet";
import { arnOf, FAKE_ENDPOINT, FakeSfn } from "../support/fake-sfn";
import { addMapRunWorld, PARENT_DEFINITION, PARENT_MACHINE, PARENT_NAME } from "../support/map-run-world";

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("state × execution grid with a distributed Map", () => {
  it("colours Fetch and Transform by their outcome over the children, and counts the children", async () => {
    const fake = new FakeSfn();
    addMapRunWorld(fake, NOW / 1000 - 1_800);
    server.resetHandlers(...fake.handlers());
    const ctx = createSfnContext(parseConfig({ AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => NOW });
    const fleet = new FleetIndex();
    const metrics = await fleet.machineMetrics(ctx, { arn: arnOf.machine(PARENT_MACHINE), type: "STANDARD", definition: PARENT_DEFINITION }, resolveWindow("24h", NOW));
    const column = metrics.grid.columns.findIndex((c) => c.executionName === PARENT_NAME);
    expect(column).toBeGreaterThanOrEqual(0);
    const cell = (state: string) => metrics.grid.rows.find((r) => r.stateName === state)!.cells[column];
    expect(cell("Prepare")).toMatchObject({ outcome: "succeeded", entries: 1 });
    // A bounded sample of children (failed first): both processor states failed in some child.
    expect(cell("Transform").outcome).toBe("failed");
    expect(cell("Fetch").outcome).toBe("failed");
    expect(cell("Fetch").entries).toBeGreaterThan(0);
    expect(cell("Report").outcome).toBe("not_reached");

    // A second look reads no child history again: the finished parent's report is kept.
    const histories = fake.callsTo("GetExecutionHistory").length;
    await fleet.machineMetrics(ctx, { arn: arnOf.machine(PARENT_MACHINE), type: "STANDARD", definition: PARENT_DEFINITION }, resolveWindow("24h", NOW));
    expect(fake.callsTo("GetExecutionHistory").length).toBe(histories);
    expect(fake.callsTo("DescribeMapRun").length).toBe(1);
  });
});
