/**
 * Data-lake ingest every 20 minutes: list the new files, check each file's schema in an
 * inline Map (~50 items), then transform each partition as a child execution of a
 * distributed Map, and publish a report.
 */
import type { TaskBehaviour } from "../sim/behaviour";
import type { Rng } from "../sim/random";
import { HOUR_MS, type MachineSpec } from "./machine-spec";
import { lambdaArn, lambdaReturns, lambdaServiceError, lambdaThrows, topicArn } from "./services";

const BUCKET = "acme-datalake-raw";

const definition = {
  Comment: "Ingest new event files into the warehouse",
  StartAt: "ListNewFiles",
  States: {
    ListNewFiles: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: lambdaArn("etl-list-new-files"), "Payload.$": "$" },
      ResultSelector: {
        "runId.$": "$.Payload.runId",
        "bucket.$": "$.Payload.bucket",
        "files.$": "$.Payload.files",
        "partitions.$": "$.Payload.partitions",
      },
      ResultPath: "$.listing",
      Next: "ValidateFiles",
    },
    ValidateFiles: {
      Type: "Map",
      ItemsPath: "$.listing.files",
      ItemSelector: {
        "bucket.$": "$.listing.bucket",
        "key.$": "$$.Map.Item.Value.key",
        "sizeBytes.$": "$$.Map.Item.Value.sizeBytes",
        "index.$": "$$.Map.Item.Index",
      },
      MaxConcurrency: 10,
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: "CheckSchema",
        States: {
          CheckSchema: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke",
            Parameters: { FunctionName: lambdaArn("etl-check-schema"), "Payload.$": "$" },
            ResultSelector: { "key.$": "$.Payload.key", "rows.$": "$.Payload.rows" },
            Retry: [{ ErrorEquals: ["Lambda.TooManyRequestsException"], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 }],
            End: true,
          },
        },
      },
      ResultPath: "$.schemaChecks",
      Catch: [{ ErrorEquals: ["SchemaValidationError"], ResultPath: "$.error", Next: "QuarantineBatch" }],
      Next: "TransformPartitions",
    },
    QuarantineBatch: {
      Type: "Task",
      Resource: "arn:aws:states:::sns:publish",
      Parameters: { TopicArn: topicArn("etl-alerts"), Message: { "runId.$": "$.listing.runId", "error.$": "$.error" } },
      ResultPath: null,
      Next: "BatchQuarantined",
    },
    BatchQuarantined: { Type: "Fail", Error: "BatchQuarantined", Cause: "A file failed schema validation; the batch was moved to quarantine" },
    TransformPartitions: {
      Type: "Map",
      Label: "TransformPartitions",
      ItemsPath: "$.listing.partitions",
      ItemSelector: { "bucket.$": "$.listing.bucket", "runId.$": "$.listing.runId", "partition.$": "$$.Map.Item.Value" },
      MaxConcurrency: 4,
      ToleratedFailurePercentage: 10,
      ItemProcessor: {
        ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
        StartAt: "Transform",
        States: {
          Transform: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke",
            Parameters: { FunctionName: lambdaArn("etl-transform-partition"), "Payload.$": "$" },
            ResultSelector: { "outputKey.$": "$.Payload.outputKey", "rows.$": "$.Payload.rows" },
            ResultPath: "$.transformed",
            Retry: [{ ErrorEquals: ["Lambda.ServiceException", "Lambda.TooManyRequestsException"], IntervalSeconds: 5, MaxAttempts: 2, BackoffRate: 2 }],
            Next: "LoadWarehouse",
          },
          LoadWarehouse: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke",
            Parameters: { FunctionName: lambdaArn("etl-load-warehouse"), "Payload.$": "$.transformed" },
            ResultSelector: { "loadedRows.$": "$.Payload.loadedRows" },
            End: true,
          },
        },
      },
      ResultPath: null,
      Next: "PublishReport",
    },
    PublishReport: {
      Type: "Task",
      Resource: "arn:aws:states:::sns:publish",
      Parameters: {
        TopicArn: topicArn("etl-reports"),
        Message: { "runId.$": "$.listing.runId", "files.$": "$.schemaChecks" },
      },
      ResultSelector: { "messageId.$": "$.MessageId" },
      ResultPath: "$.report",
      End: true,
    },
  },
} as const;

function makeInput(rng: Rng, startMs: number) {
  const at = new Date(startMs);
  return {
    source: "clickstream",
    window: { end: at.toISOString(), minutes: 20 },
    requestedBy: rng.pick(["eventbridge-schedule", "eventbridge-schedule", "eventbridge-schedule", "backfill-cli"]),
  };
}

const listNewFiles: TaskBehaviour = ({ rng, execution }) => {
  const at = new Date(execution.startMs);
  const day = at.toISOString().slice(0, 10);
  const hour = String(at.getUTCHours()).padStart(2, "0");
  const files = Array.from({ length: rng.int(44, 56) }, (_, i) => ({
    key: `events/dt=${day}/hr=${hour}/part-${String(i).padStart(5, "0")}-${rng.hex(8)}.json.gz`,
    sizeBytes: rng.int(200_000, 9_000_000),
  }));
  const partitions = Array.from({ length: rng.int(8, 14) }, (_, i) => `dt=${day}/hr=${hour}/shard=${String(i).padStart(2, "0")}`);
  return lambdaReturns(rng, rng.latency(1800), { runId: `run-${rng.hex(12)}`, bucket: BUCKET, files, partitions });
};

const checkSchema: TaskBehaviour = ({ rng, parameters, execution }) => {
  const payload = (parameters as { Payload: { key: string; index: number; sizeBytes: number } }).Payload;
  if (execution.traits.badFile === payload.index) {
    const message = `Column 'event_ts' has type string, expected timestamp (s3://${BUCKET}/${payload.key})`;
    return lambdaThrows(rng, rng.latency(600), "SchemaValidationError", message, [
      '  File "/var/task/handler.py", line 37, in handler\n    validate(frame, schema)\n',
      `  File "/var/task/schema.py", line 112, in validate\n    raise SchemaValidationError(msg)\n`,
    ]);
  }
  if (rng.chance(0.01)) return lambdaServiceError(rng.latency(20), "Lambda.TooManyRequestsException", "Rate Exceeded.", rng);
  return lambdaReturns(rng, rng.latency(500 + payload.sizeBytes / 20_000), { key: payload.key, rows: Math.round(payload.sizeBytes / 180) });
};

const transform: TaskBehaviour = ({ rng, parameters, attempt }) => {
  const payload = (parameters as { Payload: { partition: string; bucket: string } }).Payload;
  if (attempt === 0 && rng.chance(0.03)) return lambdaServiceError(rng.latency(200), "Lambda.ServiceException", "Lambda was unable to start the function", rng);
  if (rng.chance(0.02)) {
    return lambdaThrows(rng, rng.latency(40_000, 0.3), "MemoryError", "Unable to allocate 1.21 GiB for an array with shape (162000000,) and data type float64", [
      '  File "/var/task/handler.py", line 58, in handler\n    frame = load_partition(bucket, partition)\n',
      '  File "/var/task/io.py", line 21, in load_partition\n    return pd.concat(chunks)\n',
    ]);
  }
  return lambdaReturns(rng, rng.latency(45_000, 0.35), {
    outputKey: `s3://acme-datalake-curated/${payload.partition}/data.parquet`,
    rows: rng.int(80_000, 900_000),
  });
};

const loadWarehouse: TaskBehaviour = ({ rng, parameters }) => {
  const payload = (parameters as { Payload: { rows: number } }).Payload;
  return lambdaReturns(rng, rng.latency(6000, 0.4), { loadedRows: payload.rows });
};

export const etlIngest: MachineSpec = {
  name: "etl-ingest",
  type: "STANDARD",
  description: "Every 20 minutes: validate new files, transform partitions as child executions",
  createdMs: Date.UTC(2025, 5, 17, 9, 40, 55),
  definition: definition as unknown as MachineSpec["definition"],
  slotSeconds: 1200,
  density: () => 0.97,
  makeInput,
  makeTraits: (rng) => ({ badFile: rng.chance(0.025) ? rng.int(0, 43) : -1 }),
  behaviours: { ListNewFiles: listNewFiles, CheckSchema: checkSchema, Transform: transform, LoadWarehouse: loadWarehouse },
  abortChance: 0.01,
  // When a map run exceeds its tolerance the on-call engineer mostly redrives the ingest after
  // looking at the failed partitions: the map run is redriven over the children that did not succeed.
  redriveDelayMs: (rng, error, redriveCount) =>
    error === "States.ExceedToleratedFailureThreshold" && redriveCount === 1 && rng.chance(0.6) ? rng.int(8 * 60_000, 30 * 60_000) : undefined,
  longestLifeMs: HOUR_MS,
};
