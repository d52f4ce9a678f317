/**
 * Uploaded video → probe, then three Parallel branches (transcode, thumbnails, labels), then
 * publish. Transcoding sometimes fails on a bad upload, which fails the whole Parallel; a
 * transcode that runs past its timeout is caught and sent to manual review.
 */
import type { TaskBehaviour } from "../sim/behaviour";
import type { Rng } from "../sim/random";
import { HOUR_MS, dailyWave, type MachineSpec } from "./machine-spec";
import { lambdaArn, lambdaReturns, lambdaServiceError, lambdaThrows, serviceReturns, topicArn } from "./services";

const lambdaTask = (fn: string, resultSelector: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  Type: "Task",
  Resource: "arn:aws:states:::lambda:invoke",
  Parameters: { FunctionName: lambdaArn(fn), "Payload.$": "$" },
  ResultSelector: resultSelector,
  ...extra,
});

const definition = {
  Comment: "Transcode uploads, make thumbnails and labels in parallel, then publish",
  StartAt: "ProbeMedia",
  States: {
    ProbeMedia: lambdaTask(
      "media-probe",
      { "durationSeconds.$": "$.Payload.durationSeconds", "width.$": "$.Payload.width", "height.$": "$.Payload.height", "codec.$": "$.Payload.codec" },
      { ResultPath: "$.media", Next: "ProcessRenditions" },
    ),
    ProcessRenditions: {
      Type: "Parallel",
      Branches: [
        {
          StartAt: "Transcode",
          States: {
            Transcode: lambdaTask(
              "media-transcode",
              { "renditions.$": "$.Payload.renditions" },
              {
                TimeoutSeconds: 300,
                Retry: [{ ErrorEquals: ["Lambda.ServiceException", "Lambda.AWSLambdaException"], IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 2 }],
                End: true,
              },
            ),
          },
        },
        {
          StartAt: "GenerateThumbnails",
          States: { GenerateThumbnails: lambdaTask("media-thumbnails", { "thumbnails.$": "$.Payload.thumbnails" }, { End: true }) },
        },
        {
          StartAt: "DetectLabels",
          States: {
            DetectLabels: lambdaTask("media-detect-labels", { "labels.$": "$.Payload.labels" }, { Next: "StoreLabels" }),
            StoreLabels: {
              Type: "Task",
              Resource: "arn:aws:states:::dynamodb:putItem",
              Parameters: { TableName: "media-labels", Item: { assetId: { "S.$": "$$.Execution.Name" }, labels: { "SS.$": "$.labels" } } },
              ResultPath: null,
              End: true,
            },
          },
        },
      ],
      ResultSelector: { "renditions.$": "$[0].renditions", "thumbnails.$": "$[1].thumbnails", "labels.$": "$[2].labels" },
      ResultPath: "$.outputs",
      Catch: [{ ErrorEquals: ["States.Timeout"], ResultPath: "$.error", Next: "SendToManualReview" }],
      Next: "PublishAsset",
    },
    SendToManualReview: {
      Type: "Task",
      Resource: "arn:aws:states:::dynamodb:updateItem",
      Parameters: {
        TableName: "media-assets",
        Key: { key: { "S.$": "$.key" } },
        UpdateExpression: "SET reviewState = :r",
        ExpressionAttributeValues: { ":r": { S: "NEEDS_REVIEW" } },
      },
      ResultPath: null,
      End: true,
    },
    PublishAsset: {
      Type: "Task",
      Resource: "arn:aws:states:::sns:publish",
      Parameters: { TopicArn: topicArn("media-published"), Message: { "key.$": "$.key", "renditions.$": "$.outputs.renditions" } },
      ResultPath: null,
      End: true,
    },
  },
} as const;

function makeInput(rng: Rng, startMs: number) {
  const day = new Date(startMs).toISOString().slice(0, 10);
  return {
    bucket: "acme-media-uploads",
    key: `uploads/${day}/${rng.hex(10)}/${rng.pick(["keynote", "product-demo", "webinar", "tutorial", "ad-spot"])}-${rng.int(1, 99)}.mp4`,
    uploadedBy: `user-${rng.int(1000, 9999)}`,
    sizeBytes: rng.int(5_000_000, 2_000_000_000),
  };
}

const probe: TaskBehaviour = ({ rng, execution }) =>
  lambdaReturns(rng, rng.latency(900), {
    durationSeconds: Number(execution.traits.durationSeconds),
    width: execution.traits.uhd ? 3840 : 1920,
    height: execution.traits.uhd ? 2160 : 1080,
    codec: rng.pick(["h264", "h264", "hevc", "prores"]),
  });

const transcode: TaskBehaviour = ({ rng, execution }) => {
  const seconds = Number(execution.traits.durationSeconds);
  if (execution.traits.corrupt) {
    const message = "ffmpeg exited with code 1: moov atom not found (Invalid data found when processing input)";
    return lambdaThrows(rng, rng.latency(4000), "TranscodeError", message, [
      "TranscodeError: " + message,
      "    at ChildProcess.<anonymous> (/var/task/ffmpeg.js:64:19)",
      "    at ChildProcess.emit (node:events:517:28)",
      "    at ChildProcess._handle.onexit (node:internal/child_process:292:12)",
    ]);
  }
  if (rng.chance(0.01)) return lambdaServiceError(rng.latency(300), "Lambda.ServiceException", "Lambda was unable to start the function", rng);
  const factor = execution.traits.uhd ? 0.9 : 0.35;
  return lambdaReturns(rng, rng.latency(seconds * factor * 1000, 0.25), {
    renditions: ["1080p", "720p", "480p"].map((r) => `s3://acme-media-public/${execution.executionName}/${r}.m3u8`),
  });
};

const thumbnails: TaskBehaviour = ({ rng, execution }) =>
  lambdaReturns(rng, rng.latency(6000), {
    thumbnails: [0, 1, 2, 3].map((i) => `s3://acme-media-public/${execution.executionName}/thumb-${i}.jpg`),
  });

const detectLabels: TaskBehaviour = ({ rng }) =>
  lambdaReturns(rng, rng.latency(3500), {
    labels: ["Person", "Indoors", "Screen", "Presentation", "Text", "Crowd", "Stage"].filter(() => rng.chance(0.6)).concat(["Video"]),
  });

export const mediaPipeline: MachineSpec = {
  name: "media-pipeline",
  type: "STANDARD",
  description: "Video uploads: transcode, thumbnails and labels in parallel",
  createdMs: Date.UTC(2025, 10, 2, 18, 5, 31),
  definition: definition as unknown as MachineSpec["definition"],
  slotSeconds: 90,
  density: (t) => dailyWave(t, 16, 0.3, 0.9),
  makeInput,
  makeTraits: (rng) => {
    const uhd = rng.chance(0.15);
    // Long 4K uploads are the ones that run past the transcode timeout.
    const durationSeconds = uhd && rng.chance(0.25) ? rng.int(340, 900) : rng.int(15, 300);
    return { uhd, durationSeconds, corrupt: rng.chance(0.06) };
  },
  behaviours: {
    ProbeMedia: probe,
    Transcode: transcode,
    GenerateThumbnails: thumbnails,
    DetectLabels: detectLabels,
    StoreLabels: ({ rng }) => serviceReturns(rng, rng.latency(15), {}),
  },
  abortChance: 0.008,
  longestLifeMs: HOUR_MS,
};
