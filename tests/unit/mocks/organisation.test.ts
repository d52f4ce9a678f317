/**
 * The demo organisation: two accounts, two Regions, each scope answering with its own machines,
 * ARNs and health, a pure function of (seed, time) like the single account was.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoAccount, createDemoOrganisation, createDemoOrganisationHandlers, DEMO_ENDPOINT, DEMO_SCOPES, MAIN_DEMO_SCOPE, type DemoAccount } from "@/mocks";
import { startEmulatorServer } from "@/mocks";
import { call, listSince, T0 } from "./account-helpers";

const HOUR = 3_600_000;
const clock = () => T0;

function machines(account: DemoAccount): { stateMachineArn: string; name: string; type: string }[] {
  return call(account, "ListStateMachines", {}).stateMachines;
}

function statusCounts(account: DemoAccount, machineArn: string, hours: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of listSince(account, { stateMachineArn: machineArn }, T0 - hours * HOUR)) counts[e.status] = (counts[e.status] ?? 0) + 1;
  return counts;
}

describe("the demo organisation", () => {
  const org = createDemoOrganisation({ seed: 42, clock });

  it("has two accounts in two Regions, the main scope first", () => {
    expect(DEMO_SCOPES.map((s) => `${s.id}@${s.accountId}`)).toEqual([
      "prod:us-east-1@123456789012",
      "prod:eu-west-1@123456789012",
      "staging:us-east-1@222222222222",
      "staging:eu-west-1@222222222222",
    ]);
    expect(org.accounts.map((a) => a.scope.id)).toEqual(DEMO_SCOPES.map((s) => s.id));
    expect(new Set(DEMO_SCOPES.map((s) => s.endpoint)).size).toBe(DEMO_SCOPES.length);
  });

  it("keeps the single-account demo as its main scope, execution for execution", () => {
    const single = createDemoAccount({ seed: 42, clock });
    const main = org.account(MAIN_DEMO_SCOPE.id);
    expect(machines(main)).toEqual(machines(single));
    const arn = machines(main).find((m) => m.name === "order-processing")!.stateMachineArn;
    expect(call(main, "ListExecutions", { stateMachineArn: arn, maxResults: 50 })).toEqual(call(single, "ListExecutions", { stateMachineArn: arn, maxResults: 50 }));
  });

  it("gives each reachable scope its own machines, all with ARNs of its account and Region", () => {
    const names = new Map<string, string[]>();
    for (const account of org.accounts.filter((a) => a.scope.id !== "staging:eu-west-1")) {
      const listed = machines(account);
      expect(listed.length).toBeGreaterThan(0);
      for (const m of listed) expect(m.stateMachineArn).toBe(`arn:aws:states:${account.scope.region}:${account.scope.accountId}:stateMachine:${m.name}`);
      names.set(account.scope.id, listed.map((m) => m.name));
    }
    expect(names.get("prod:us-east-1")).toHaveLength(7);
    // Fewer machines in the other scopes, none shared with another scope.
    for (const id of ["prod:eu-west-1", "staging:us-east-1"]) expect(names.get(id)!.length).toBeLessThan(4);
    const all = [...names.values()].flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it("writes the scope's account and Region into executions, histories and definitions", () => {
    const eu = org.account("prod:eu-west-1");
    const machine = machines(eu).find((m) => m.name === "payment-settlement")!;
    const [execution] = call(eu, "ListExecutions", { stateMachineArn: machine.stateMachineArn, statusFilter: "SUCCEEDED", maxResults: 1 }).executions;
    expect(execution.executionArn).toMatch(/^arn:aws:states:eu-west-1:123456789012:execution:payment-settlement:/);
    const history = call(eu, "GetExecutionHistory", { executionArn: execution.executionArn, maxResults: 5 });
    expect(history.events[0].executionStartedEventDetails.roleArn).toBe("arn:aws:iam::123456789012:role/service-role/StepFunctions-payment-settlement-role");
    const definition = call(eu, "DescribeStateMachine", { stateMachineArn: machine.stateMachineArn }).definition as string;
    expect(definition).toContain("arn:aws:lambda:eu-west-1:123456789012:function:");
    expect(definition).not.toContain("us-east-1");
  });

  it("does not know another scope's executions, as another Region of AWS would not", () => {
    const eu = org.account("prod:eu-west-1");
    const main = org.account(MAIN_DEMO_SCOPE.id);
    const arn = machines(main).find((m) => m.name === "order-processing")!.stateMachineArn;
    const [execution] = call(main, "ListExecutions", { stateMachineArn: arn, maxResults: 1 }).executions;
    const answer = eu.dispatch("AWSStepFunctions.DescribeExecution", { executionArn: execution.executionArn });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ __type: "com.amazonaws.states#ExecutionDoesNotExist" });
  });

  it("differs in health: staging's new checkout fails often, prod eu-west-1 rarely", () => {
    const staging = org.account("staging:us-east-1");
    const checkout = machines(staging).find((m) => m.name === "checkout-v2")!;
    const stagingCounts = statusCounts(staging, checkout.stateMachineArn, 12);
    const stagingFinished = Object.entries(stagingCounts).filter(([s]) => s !== "RUNNING").reduce((n, [, c]) => n + c, 0);
    expect((stagingCounts.FAILED ?? 0) / stagingFinished).toBeGreaterThan(0.25);

    const eu = org.account("prod:eu-west-1");
    const settlement = machines(eu).find((m) => m.name === "payment-settlement")!;
    const euCounts = statusCounts(eu, settlement.stateMachineArn, 12);
    const euFinished = Object.entries(euCounts).filter(([s]) => s !== "RUNNING").reduce((n, [, c]) => n + c, 0);
    expect(euFinished).toBeGreaterThan(20);
    expect((euCounts.FAILED ?? 0) / euFinished).toBeLessThan(0.1);
  });

  it("denies every call in staging's eu-west-1, naming the policy", () => {
    const denied = org.account("staging:eu-west-1");
    for (const target of ["AWSStepFunctions.ListStateMachines", "AWSStepFunctions.ListExecutions", "Logs_20140328.DescribeLogGroups", "GraniteServiceVersion20100801.GetMetricData"]) {
      const answer = denied.dispatch(target, {});
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ __type: "AccessDeniedException", message: expect.stringContaining("explicit deny in a service control policy") });
    }
  });

  it("gives a demo source configured by hand the main scope's machines, in its own account and Region", () => {
    const custom = createDemoAccount({ seed: 42, clock, scope: "demo-a:ap-south-1", accountId: "333333333333" });
    expect(custom.scope).toMatchObject({ id: "demo-a:ap-south-1", accountId: "333333333333", endpoint: "https://states.ap-south-1.demo-a.demo.stepscope.invalid" });
    const listed = machines(custom);
    expect(listed.map((m) => m.name)).toEqual(machines(org.account(MAIN_DEMO_SCOPE.id)).map((m) => m.name));
    expect(listed.every((m) => m.stateMachineArn.startsWith("arn:aws:states:ap-south-1:333333333333:stateMachine:"))).toBe(true);
    expect(() => createDemoAccount({ scope: "not a scope" })).toThrow(/name:region/);
  });

  it("is the same organisation for the same seed and clock, and another for another seed", () => {
    const again = createDemoOrganisation({ seed: 42, clock });
    const other = createDemoOrganisation({ seed: 43, clock });
    const list = (o: typeof org) => {
      const staging = o.account("staging:us-east-1");
      return call(staging, "ListExecutions", { stateMachineArn: machines(staging)[0].stateMachineArn, maxResults: 20 }).executions;
    };
    expect(list(again)).toEqual(list(org));
    expect(list(other)).not.toEqual(list(org));
  });
});

describe("the organisation's transports", () => {
  const org = createDemoOrganisation({ seed: 42, clock });
  const server = setupServer(...createDemoOrganisationHandlers(org));
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  const post = (url: string, target: string, body: object) =>
    fetch(url, { method: "POST", headers: { "x-amz-target": target, "content-type": "application/x-amz-json-1.0" }, body: JSON.stringify(body) });

  it("answers each scope at its own endpoints, Step Functions and CloudWatch alike", async () => {
    for (const scope of DEMO_SCOPES) {
      const res = await post(scope.endpoint, "AWSStepFunctions.ListStateMachines", {});
      const body = (await res.json()) as { stateMachines?: { stateMachineArn: string }[]; __type?: string };
      if (scope.id === "staging:eu-west-1") {
        expect(res.status).toBe(400);
        expect(body.__type).toBe("AccessDeniedException");
        continue;
      }
      expect(body.stateMachines!.every((m) => m.stateMachineArn.startsWith(`arn:aws:states:${scope.region}:${scope.accountId}:`))).toBe(true);
      const logs = await post(scope.logsEndpoint, "Logs_20140328.DescribeLogGroups", {});
      expect(logs.status).toBe(200);
    }
  });

  it("answers the main scope at the single-account demo's endpoint too", async () => {
    const res = await post(DEMO_ENDPOINT, "AWSStepFunctions.ListStateMachines", {});
    const body = (await res.json()) as { stateMachines: { stateMachineArn: string }[] };
    expect(body.stateMachines).toHaveLength(7);
    expect(body.stateMachines[0].stateMachineArn).toMatch(/^arn:aws:states:us-east-1:123456789012:/);
  });

  it("serves one scope per emulator port", async () => {
    const [a, b] = await Promise.all([startEmulatorServer({ port: 0, scope: "prod:eu-west-1", seed: 42 }), startEmulatorServer({ port: 0, scope: "staging:us-east-1", seed: 42 })]);
    server.close();
    try {
      const names = async (url: string) => ((await (await post(url, "AWSStepFunctions.ListStateMachines", {})).json()) as { stateMachines: { stateMachineArn: string }[] }).stateMachines.map((m) => m.stateMachineArn);
      expect((await names(a.url)).every((arn) => arn.startsWith("arn:aws:states:eu-west-1:123456789012:"))).toBe(true);
      expect((await names(b.url)).every((arn) => arn.startsWith("arn:aws:states:us-east-1:222222222222:"))).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
      server.listen({ onUnhandledRequest: "error" });
    }
  });
});
