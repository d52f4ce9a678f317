/**
 * An Express state machine on moto with what Step Functions would have written for it: log
 * records in Step Functions' format (put with PutLogEvents) and AWS/States metrics (put with
 * PutMetricData), plus the bad cases: a record that is not JSON, an execution whose oldest
 * records were expired by retention, and a machine whose log group does not exist.
 */
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateStateMachineCommand, SFNClient } from "@aws-sdk/client-sfn";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/stepscope-test`;
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

export const EXPRESS_DEFINITION = {
  StartAt: "Enrich",
  States: {
    Enrich: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "enrich", "Payload.$": "$" }, Next: "Forward" },
    Forward: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:firehose:putRecord", Parameters: { DeliveryStreamName: "clicks" }, End: true },
  },
};

export interface SeededExpress {
  machineArn: string;
  /** Logs to a group that does not exist. */
  orphanArn: string;
  logGroupName: string;
  succeeded: string;
  failed: string;
  /** Its records 1–3 are gone. */
  expired: string;
  startedAt: Record<string, number>;
}

const expressArn = (machine: string, name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:express:${machine}:${name}:${name}-0000-4000-8000-000000000000`;

function records(arn: string, t0: number, fail: boolean): { timestamp: number; message: string }[] {
  const input = JSON.stringify({ sessionId: "s-1", path: "/docs" });
  const enriched = JSON.stringify({ sessionId: "s-1", path: "/docs", country: "DE" });
  const rows: [string, Record<string, unknown>][] = [
    ["ExecutionStarted", { input, inputDetails: { truncated: false }, roleArn: ROLE }],
    ["TaskStateEntered", { name: "Enrich", input, inputDetails: { truncated: false } }],
    ["TaskScheduled", { resourceType: "lambda", resource: "invoke", region: REGION, parameters: JSON.stringify({ FunctionName: "enrich", Payload: {} }) }],
    ["TaskStarted", { resourceType: "lambda", resource: "invoke" }],
    ["TaskSucceeded", { resourceType: "lambda", resource: "invoke", output: JSON.stringify({ Payload: JSON.parse(enriched) }), outputDetails: { truncated: false } }],
    ["TaskStateExited", { name: "Enrich", output: enriched, outputDetails: { truncated: false } }],
    ["TaskStateEntered", { name: "Forward", input: enriched, inputDetails: { truncated: false } }],
    ["TaskScheduled", { resourceType: "aws-sdk:firehose", resource: "putRecord", region: REGION, parameters: "{}" }],
    ["TaskStarted", { resourceType: "aws-sdk:firehose", resource: "putRecord" }],
    ...(fail
      ? ([
          ["TaskFailed", { resourceType: "aws-sdk:firehose", resource: "putRecord", error: "Firehose.ServiceUnavailableException", cause: "Slow down." }],
          ["ExecutionFailed", { error: "Firehose.ServiceUnavailableException", cause: "Slow down." }],
        ] as [string, Record<string, unknown>][])
      : ([
          ["TaskSucceeded", { resourceType: "aws-sdk:firehose", resource: "putRecord", output: '{"RecordId":"r-1"}', outputDetails: { truncated: false } }],
          ["TaskStateExited", { name: "Forward", output: '{"RecordId":"r-1"}', outputDetails: { truncated: false } }],
          ["ExecutionSucceeded", { output: '{"RecordId":"r-1"}', outputDetails: { truncated: false } }],
        ] as [string, Record<string, unknown>][])),
  ];
  return rows.map(([type, details], i) => ({
    timestamp: t0 + i * 7,
    message: JSON.stringify({ id: String(i + 1), type, details, previous_event_id: String(i), event_timestamp: String(t0 + i * 7), execution_arn: arn, redrive_count: "0" }),
  }));
}

export async function seedExpressOnMoto(endpoint: string, now = Date.now()): Promise<SeededExpress> {
  const config = { endpoint, region: REGION, credentials };
  const sfn = new SFNClient(config);
  const logs = new CloudWatchLogsClient(config);
  const cloudwatch = new CloudWatchClient(config);
  const logGroupName = "/aws/vendedlogs/states/clicks-Logs";
  const logging = (group: string) => ({
    level: "ALL" as const,
    includeExecutionData: true,
    destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${group}:*` } }],
  });
  const machine = await sfn.send(
    new CreateStateMachineCommand({ name: "clicks", type: "EXPRESS", roleArn: ROLE, definition: JSON.stringify(EXPRESS_DEFINITION), loggingConfiguration: logging(logGroupName) }),
  );
  const orphan = await sfn.send(
    new CreateStateMachineCommand({ name: "orphan", type: "EXPRESS", roleArn: ROLE, definition: JSON.stringify(EXPRESS_DEFINITION), loggingConfiguration: logging("/aws/vendedlogs/states/deleted-Logs") }),
  );
  await logs.send(new CreateLogGroupCommand({ logGroupName }));
  const logStreamName = `states/clicks/${new Date(now).toISOString().slice(0, 10)}/all`;
  await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));

  const succeeded = expressArn("clicks", "ok-1");
  const failed = expressArn("clicks", "fail-1");
  const expired = expressArn("clicks", "expired-1");
  const startedAt = { [succeeded]: now - 20 * 60_000, [failed]: now - 15 * 60_000, [expired]: now - 10 * 60_000 };
  const events = [
    ...records(succeeded, startedAt[succeeded], false),
    ...records(failed, startedAt[failed], true),
    // Retention took the oldest records of this one: 4 onwards are left.
    ...records(expired, startedAt[expired], true).slice(3),
    // Not every line in a log group is a Step Functions record: a damaged one that names an execution.
    { timestamp: startedAt[failed] + 100, message: `{"id":"99","type":"TaskFailed","execution_arn":"${failed}","details":{"cause":"trunc` },
  ].sort((a, b) => a.timestamp - b.timestamp);
  await logs.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: events }));

  const dims = [{ Name: "StateMachineArn", Value: machine.stateMachineArn! }];
  const at = (ms: number) => new Date(ms);
  await cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: "AWS/States",
      MetricData: [
        { MetricName: "ExecutionsStarted", Dimensions: dims, Timestamp: at(startedAt[succeeded]), Value: 1, Unit: "Count" },
        { MetricName: "ExecutionsStarted", Dimensions: dims, Timestamp: at(startedAt[failed]), Value: 1, Unit: "Count" },
        { MetricName: "ExecutionsStarted", Dimensions: dims, Timestamp: at(startedAt[expired]), Value: 1, Unit: "Count" },
        { MetricName: "ExecutionsSucceeded", Dimensions: dims, Timestamp: at(startedAt[succeeded] + 77), Value: 1, Unit: "Count" },
        { MetricName: "ExecutionsFailed", Dimensions: dims, Timestamp: at(startedAt[failed] + 70), Value: 1, Unit: "Count" },
        { MetricName: "ExecutionsFailed", Dimensions: dims, Timestamp: at(startedAt[expired] + 70), Value: 1, Unit: "Count" },
        { MetricName: "ExecutionTime", Dimensions: dims, Timestamp: at(startedAt[succeeded] + 77), Value: 77, Unit: "Milliseconds" },
        { MetricName: "ExecutionTime", Dimensions: dims, Timestamp: at(startedAt[failed] + 70), Value: 70, Unit: "Milliseconds" },
      ],
    }),
  );
  for (const c of [sfn, logs, cloudwatch]) c.destroy();
  return { machineArn: machine.stateMachineArn!, orphanArn: orphan.stateMachineArn!, logGroupName, succeeded, failed, expired, startedAt };
}
