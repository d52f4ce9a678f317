import { describe, expect, it } from "vitest";
import { mayBelongTo, routeArn } from "@/lib/server/sources/route-arn";

const prodEast = { id: "prod:us-east-1", region: "us-east-1", accountId: "111111111111" };
const prodWest = { id: "prod:eu-west-1", region: "eu-west-1", accountId: "111111111111" };
const stagingEast = { id: "staging:us-east-1", region: "us-east-1", accountId: "222222222222" };
const localA = { id: "local-a:us-east-1", region: "us-east-1" };
const localB = { id: "local-b:us-east-1", region: "us-east-1" };

const execution = (region: string, account: string) => `arn:aws:states:${region}:${account}:execution:orders:run-1`;

describe("routeArn", () => {
  it("picks the scope of the ARN's account and Region", () => {
    const scopes = [prodEast, prodWest, stagingEast];
    expect(routeArn(execution("us-east-1", "111111111111"), scopes)).toEqual({ ok: true, scope: prodEast });
    expect(routeArn(execution("eu-west-1", "111111111111"), scopes)).toEqual({ ok: true, scope: prodWest });
    expect(routeArn(execution("us-east-1", "222222222222"), scopes)).toEqual({ ok: true, scope: stagingEast });
    expect(routeArn("arn:aws:states:eu-west-1:111111111111:mapRun:orders/Each:abc", scopes)).toEqual({ ok: true, scope: prodWest });
  });

  it("answers 404 listing the sources when none serves the ARN's account and Region", () => {
    const route = routeArn(execution("ap-south-1", "111111111111"), [prodEast, stagingEast]);
    expect(route).toMatchObject({ ok: false, code: "NOT_FOUND" });
    if (!route.ok) expect(route.message).toMatch(/ap-south-1.*prod:us-east-1.*staging:us-east-1/);
  });

  it("prefers a scope whose account is known to match over one whose account is not known yet", () => {
    expect(routeArn(execution("us-east-1", "111111111111"), [localA, prodEast])).toEqual({ ok: true, scope: prodEast });
    expect(routeArn(execution("us-east-1", "999999999999"), [localA, prodEast])).toEqual({ ok: true, scope: localA });
  });

  it("asks for ?source= when two sources serve the same account and Region, and follows it", () => {
    const route = routeArn(execution("us-east-1", "123456789012"), [localA, localB]);
    expect(route).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    if (!route.ok) expect(route.message).toContain("local-a:us-east-1, local-b:us-east-1");
    expect(routeArn(execution("us-east-1", "123456789012"), [localA, localB], "local-b:us-east-1")).toEqual({ ok: true, scope: localB });
    const twins = [{ ...localA, accountId: "123456789012" }, { ...localB, accountId: "123456789012" }];
    expect(routeArn(execution("us-east-1", "123456789012"), twins)).toMatchObject({ ok: false, code: "BAD_REQUEST" });
  });

  it("refuses a ?source= that is unknown or serves another account or Region", () => {
    const scopes = [prodEast, prodWest];
    expect(routeArn(execution("us-east-1", "111111111111"), scopes, "nope:us-east-1")).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(routeArn(execution("us-east-1", "111111111111"), scopes, "prod:eu-west-1")).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(routeArn(execution("us-east-1", "333333333333"), scopes, "prod:us-east-1")).toMatchObject({ ok: false, code: "BAD_REQUEST" });
  });

  it("says which scope a stored machine or an event is, by the same rule, keeping what it cannot tell apart", () => {
    const scopes = [prodEast, prodWest, stagingEast];
    const machine = (region: string, account: string) => `arn:aws:states:${region}:${account}:stateMachine:orders`;
    expect(scopes.filter((s) => mayBelongTo(machine("us-east-1", "222222222222"), s, scopes))).toEqual([stagingEast]);
    expect(scopes.filter((s) => mayBelongTo(machine("ap-south-1", "111111111111"), s, scopes))).toEqual([]);
    // Two sources of one Region whose accounts are not known yet: both keep it rather than lose it.
    expect([localA, localB].filter((s) => mayBelongTo(machine("us-east-1", "333333333333"), s, [localA, localB]))).toEqual([localA, localB]);
    expect(mayBelongTo("not an arn", localA, [localA])).toBe(false);
  });
});
