/**
 * In demo mode the simulated account runs in Stepscope's own process: a cold ListExecutions page
 * plans up to a thousand executions. The account plans them ahead in slices that give the event
 * loop back (other requests and timers go on meanwhile), and the page it then answers is the page
 * it would have answered without planning ahead. The transports plan ahead before dispatching.
 */
import { describe, expect, it } from "vitest";
import { createDemoAccount, type DemoAccount } from "@/mocks";
import { answerRequest } from "@/mocks/transport/answer";
import { call, machineArn, T0 } from "./account-helpers";

const LIST = "AWSStepFunctions.ListExecutions";

describe("planning a ListExecutions page ahead", () => {
  it("lets a timer run while it plans a cold page, and the page is the same as one answered cold", async () => {
    const body = { stateMachineArn: machineArn("order-processing"), maxResults: 1000 };
    const prepared = createDemoAccount({ seed: 42, clock: () => T0 });
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    await prepared.prepare(LIST, body);
    expect(timerRan).toBe(true);

    const cold = createDemoAccount({ seed: 42, clock: () => T0 });
    const page = call(prepared, "ListExecutions", body);
    expect(page.executions).toHaveLength(1000);
    expect(page).toEqual(call(cold, "ListExecutions", body));
    // With a status filter and a token too: the walk is the page's own.
    const next = { ...body, statusFilter: "FAILED", nextToken: page.nextToken };
    await prepared.prepare(LIST, next);
    expect(call(prepared, "ListExecutions", next)).toEqual(call(cold, "ListExecutions", next));
  });

  it("plans nothing for a request ListExecutions refuses, and leaves the refusal to it", async () => {
    const account = createDemoAccount({ seed: 42, clock: () => T0 });
    await expect(account.prepare(LIST, { stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:nope" })).resolves.toBeUndefined();
    await expect(account.prepare(LIST, "not an object")).resolves.toBeUndefined();
    expect(account.dispatch(LIST, {}).status).toBe(400);
  });

  it("is awaited by the JSON transport before the account answers", async () => {
    const order: string[] = [];
    const account: DemoAccount = {
      prepare: async (target) => {
        await new Promise((r) => setTimeout(r, 5));
        order.push(`prepare ${target}`);
      },
      dispatch: (target) => (order.push(`dispatch ${target}`), { status: 200, body: { executions: [] } }),
    };
    const answer = await answerRequest(account, LIST, JSON.stringify({ stateMachineArn: machineArn("order-processing") }));
    expect(answer.status).toBe(200);
    expect(order).toEqual([`prepare ${LIST}`, `dispatch ${LIST}`]);
  });
});
