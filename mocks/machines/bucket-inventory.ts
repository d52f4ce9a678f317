/**
 * An S3 inventory that pages through ListObjectsV2 in a loop (Task → Choice → Pass → Task …), every
 * hour for the newest prefix. The nightly full inventory of the raw bucket has far more pages
 * than one execution's history can hold: at 25,000 events Step Functions ends it, and so does
 * the demo account (ExecutionFailed, States.Runtime, "reached the maximum number of history
 * events"). That is the execution to open to see a history at the quota.
 */
import type { TaskBehaviour } from "../sim/behaviour";
import type { Json } from "../sim/jsonpath";
import type { Rng } from "../sim/random";
import { HOUR_MS, hourOfDay, type MachineSpec } from "./machine-spec";
import { serviceReturns } from "./services";

/** The hour (UTC) of the nightly full inventory, which runs into the history quota. */
export const FULL_INVENTORY_HOUR = 3;

const definition = {
  Comment: "Count the objects under a prefix, one ListObjectsV2 page at a time",
  StartAt: "ListPage",
  States: {
    ListPage: {
      Type: "Task",
      Resource: "arn:aws:states:::aws-sdk:s3:listObjectsV2",
      Parameters: { "Bucket.$": "$.bucket", "Prefix.$": "$.prefix", "ContinuationToken.$": "$.token", MaxKeys: 1000 },
      ResultSelector: { "truncated.$": "$.IsTruncated", "keys.$": "$.KeyCount", "response.$": "$" },
      ResultPath: "$.listing",
      Retry: [{ ErrorEquals: ["S3.SlowDownException"], IntervalSeconds: 1, MaxAttempts: 5, BackoffRate: 2 }],
      Next: "MorePages",
    },
    MorePages: {
      Type: "Choice",
      Choices: [{ Variable: "$.listing.truncated", BooleanEquals: true, Next: "NextPage" }],
      Default: "InventoryDone",
    },
    NextPage: {
      Type: "Pass",
      Parameters: { "bucket.$": "$.bucket", "prefix.$": "$.prefix", "token.$": "$.listing.response.NextContinuationToken" },
      Next: "ListPage",
    },
    InventoryDone: { Type: "Succeed" },
  },
} as const;

function makeInput(_rng: Rng, startMs: number): Json {
  const at = new Date(startMs);
  const full = at.getUTCHours() === FULL_INVENTORY_HOUR;
  const day = at.toISOString().slice(0, 10);
  return {
    bucket: "acme-datalake-raw",
    prefix: full ? "events/" : `events/dt=${day}/hr=${String(at.getUTCHours()).padStart(2, "0")}/`,
    token: "",
  };
}

/** Pages are numbered in the continuation token, so each answer knows how many are left. */
const listPage: TaskBehaviour = ({ rng, parameters, execution }) => {
  const p = parameters as { ContinuationToken: string };
  const page = p.ContinuationToken ? Number(p.ContinuationToken.split("-").pop()) : 0;
  const pages = Number(execution.traits.pages);
  const last = page + 1 >= pages;
  return serviceReturns(rng, rng.latency(220, 0.3), {
    IsTruncated: !last,
    KeyCount: last ? rng.int(1, 999) : 1000,
    MaxKeys: 1000,
    ...(last ? {} : { NextContinuationToken: `1${rng.hex(20)}-${page + 1}` }),
  });
};

export const bucketInventory: MachineSpec = {
  name: "bucket-inventory",
  type: "STANDARD",
  description: "Pages through ListObjectsV2 in a loop; the nightly full inventory hits the 25,000-event history quota",
  createdMs: Date.UTC(2025, 3, 2, 7, 5, 40),
  definition: definition as unknown as MachineSpec["definition"],
  slotSeconds: 3600,
  density: () => 1,
  makeInput,
  // 9 events a page: the full inventory's 9,000 pages would need 81,000.
  makeTraits: (rng, startMs) => ({ pages: Math.floor(hourOfDay(startMs)) === FULL_INVENTORY_HOUR ? 9000 : rng.int(3, 60) }),
  behaviours: { ListPage: listPage },
  abortChance: 0,
  longestLifeMs: HOUR_MS,
};
