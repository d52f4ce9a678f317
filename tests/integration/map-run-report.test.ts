/**
 * GET /api/map-runs/{arn}/report over the real SDK against a fake endpoint: a map run of 20
 * children, 5 failed. It lists the children, reads a bounded number of their histories (failed
 * ones first), and says how many of how many it read.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getReport } from "@/app/api/map-runs/[arn]/report/route";
import type { MapRunReport } from "@/lib/contract/api";
import { resetConfig } from "@/lib/config/env";
import { resetSfnContext } from "@/lib/sfn";
import { FakeSfn } from "../support/fake-sfn";
import { addMapRunWorld, CHILD_COUNT, mapRunArn } from "../support/map-run-world";
import { callRoute, useFakeSfnServer } from "../support/route-harness";

const server = useFakeSfnServer();
let fake: FakeSfn;

beforeEach(() => {
  resetConfig();
  resetSfnContext();
  fake = new FakeSfn();
  fake.pageSize = 7;
  addMapRunWorld(fake, Math.floor(Date.now() / 1000) - 3_600);
  server.use(...fake.handlers());
});

const report = async () => {
  const r = await callRoute(getReport, "http://stepscope.test/api/map-runs/x/report", encodeURIComponent(mapRunArn()));
  return r as { status: number; body: MapRunReport };
};

describe("GET /api/map-runs/{arn}/report", () => {
  it("counts, every child, every failure with its error, and the processor's states", async () => {
    const { status, body } = await report();
    expect(status).toBe(200);
    expect(body.mapRun).toMatchObject({ status: "FAILED", toleratedFailurePercentage: 10, redriveCount: 1, executionCounts: { failed: 5, total: 20 } });
    expect(body.children).toHaveLength(CHILD_COUNT);
    expect(body.childrenComplete).toBe(true);
    expect(body.failures.map((f) => [f.name, f.error, f.failedState])).toEqual(
      expect.arrayContaining([
        ["child-03", "TransformError", "Transform"],
        ["child-05", "Lambda.ServiceException", "Fetch"],
      ]),
    );
    expect(body.failures).toHaveLength(5);
    expect(body.histories).toEqual({ read: 20, of: 20, failedRead: 5, failedOf: 5, unreadable: 0 });
    expect(body.states.Transform).toMatchObject({ status: "failed", children: 18, failed: 3 });
  });

  it("reads at most 20 histories, failed children first, and says how many of how many", async () => {
    for (let i = 0; i < 30; i++) {
      fake.addExecution({ machine: "ingest/ProcessFiles", name: `more-${i}`, status: "SUCCEEDED", startSeconds: Math.floor(Date.now() / 1000) - 100 + i, stopSeconds: Math.floor(Date.now() / 1000) - 90 + i, mapRunArn: mapRunArn(), events: fake.executions.find((e) => e.name === "child-00")!.events });
    }
    const { body } = await report();
    expect(body.children).toHaveLength(50);
    expect(new Set(fake.callsTo("GetExecutionHistory").map((c) => c.body.executionArn)).size).toBe(20);
    expect(body.histories).toMatchObject({ read: 20, of: 50, failedRead: 5, failedOf: 5 });
    expect(body.failures.every((f) => f.read)).toBe(true);
  });

  it("a second look costs no more calls while the map run is cached, and a missing child history is counted, not fatal", async () => {
    fake.inject = (call) => (call.target === "GetExecutionHistory" && call.body.executionArn === fake.arnOf(fake.executions.find((e) => e.name === "child-08")!) ? { type: "ExecutionDoesNotExist" } : undefined);
    const first = await report();
    expect(first.status).toBe(200);
    expect(first.body.histories).toMatchObject({ read: 19, unreadable: 1, failedRead: 4 });
    expect(first.body.failures.find((f) => f.name === "child-08")).toMatchObject({ read: false });
    const calls = fake.calls.length;
    await report();
    expect(fake.calls.length).toBe(calls);
  });

  it("a map run Step Functions will not describe answers with the service's reason", async () => {
    fake.inject = (call) => (call.target === "DescribeMapRun" ? { type: "AccessDeniedException", message: "not authorized to perform: states:DescribeMapRun" } : undefined);
    const r = await report();
    expect(r.status).toBe(403);
    expect((r.body as unknown as { error: { code: string; message: string } }).error).toMatchObject({ code: "ACCESS_DENIED" });
  });

  it("an ARN that is not a map run's is a 400 with the expected shape", async () => {
    const r = await callRoute(getReport, "http://stepscope.test/api/map-runs/x/report", "not-an-arn");
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("mapRun");
  });
});
