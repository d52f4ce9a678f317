/**
 * In demo mode the SDK's calls are answered inside the process (msw). A chain of them, one after
 * another (as the failure reader reads histories), must give the event loop a turn per call, as a
 * real round trip does: a timer set before the chain fires while it runs, not after its end.
 */
import { SFNClient, DescribeStateMachineCommand, ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoAccount, createDemoHandlers, DEMO_ENDPOINT } from "@/mocks";
import { T0 } from "./account-helpers";

const server = setupServer(...createDemoHandlers(createDemoAccount({ seed: 42, clock: () => T0 })));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("the demo endpoint inside the process", () => {
  it("lets a timer run between the calls of a chain", async () => {
    const sfn = new SFNClient({ endpoint: DEMO_ENDPOINT, region: "us-east-1", credentials: { accessKeyId: "demo", secretAccessKey: "demo" } });
    const machines = (await sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? [];
    expect(machines.length).toBeGreaterThan(2);
    let callsWhenTimerRan: number | undefined;
    let calls = 0;
    setTimeout(() => (callsWhenTimerRan = calls), 0);
    for (let round = 0; round < 5; round++) {
      for (const m of machines) {
        await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: m.stateMachineArn }));
        calls++;
      }
    }
    expect(callsWhenTimerRan, `the timer ran after ${callsWhenTimerRan} of ${calls} calls`).toBeLessThan(calls);
  });
});
