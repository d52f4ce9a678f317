/**
 * The demo's CloudWatch Logs and CloudWatch over real HTTP (`npm run emulator`): Stepscope in
 * emulator mode reads Express executions and metrics from the same port as Step Functions, and
 * the AWS CLI's CloudWatch protocol (RPC v2 CBOR) is answered too.
 */
import { cbor, dateToTag } from "@smithy/core/cbor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { resolveWindow } from "@/lib/metrics";
import { createSfnContext, describeStateMachine, type SfnContext } from "@/lib/sfn";
import { machineFigures } from "@/lib/sfn/cloudwatch";
import { getExpressExecutionDetail, listExpressExecutions } from "@/lib/sfn/logs";
import { createDemoAccount, startEmulatorServer, type EmulatorServer } from "@/mocks";

const clock = Date.UTC(2026, 10, 25, 19, 0, 0);
const EXPRESS = "arn:aws:states:us-east-1:123456789012:stateMachine:clickstream-enricher";
let server: EmulatorServer;
let ctx: SfnContext;

beforeAll(async () => {
  server = await startEmulatorServer({ port: 0, account: createDemoAccount({ seed: 42, clock: () => clock }) });
  ctx = createSfnContext(parseConfig({ AWS_ENDPOINT_URL_SFN: server.url, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { now: () => clock });
});
afterAll(() => server?.close());

describe("the emulator's CloudWatch Logs and CloudWatch", () => {
  it("serve Stepscope in emulator mode on the Step Functions port", async () => {
    const machine = await describeStateMachine(ctx, EXPRESS);
    const page = await listExpressExecutions(ctx, machine, { limit: 5 });
    expect(page.executions).toHaveLength(5);
    const detail = await getExpressExecutionDetail(ctx, page.executions[0].arn);
    expect(detail.status).toBe(page.executions[0].status);
    const figures = (await machineFigures(ctx, [EXPRESS], resolveWindow("1h", clock))).get(EXPRESS)!;
    expect(figures.counts.started.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
  });

  it("answer GetMetricData in the AWS CLI's CBOR protocol, dates as CBOR timestamps", async () => {
    const body = cbor.serialize({
      StartTime: dateToTag(new Date(clock - 3_600_000)),
      EndTime: dateToTag(new Date(clock)),
      MetricDataQueries: [
        { Id: "started", MetricStat: { Metric: { Namespace: "AWS/States", MetricName: "ExecutionsStarted", Dimensions: [{ Name: "StateMachineArn", Value: EXPRESS }] }, Period: 3600, Stat: "Sum" } },
      ],
    });
    const res = await fetch(`${server.url}/service/GraniteServiceVersion20100801/operation/GetMetricData`, {
      method: "POST",
      headers: { "content-type": "application/cbor", "smithy-protocol": "rpc-v2-cbor" },
      body: Buffer.from(body),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("smithy-protocol")).toBe("rpc-v2-cbor");
    const answer = cbor.deserialize(new Uint8Array(await res.arrayBuffer())) as { MetricDataResults: { Id: string; Values: number[]; Timestamps: { tag: number; value: number }[] }[] };
    const started = answer.MetricDataResults[0];
    expect(started.Id).toBe("started");
    expect(started.Values[0]).toBeGreaterThan(100);
    expect(started.Timestamps[0]).toMatchObject({ tag: 1, value: (clock - 3_600_000) / 1000 });
  });

  it("say which log group does not exist, in the service's own error", async () => {
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "x-amz-target": "Logs_20140328.FilterLogEvents", "content-type": "application/x-amz-json-1.1" },
      body: JSON.stringify({ logGroupName: "/nope" }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: "ResourceNotFoundException" });
  });
});
