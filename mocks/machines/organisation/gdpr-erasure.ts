/**
 * prod, eu-west-1: a data-subject erasure request erases the person from three stores in
 * parallel, then confirms. The events store sometimes refuses (a bucket policy the team keeps
 * forgetting), which fails the request.
 */
import type { DemoPlace } from "../../contract";
import type { TaskBehaviour } from "../../sim/behaviour";
import type { Rng } from "../../sim/random";
import { HOUR_MS, dailyWave, type MachineSpec } from "../machine-spec";
import { lambdaArn, lambdaReturns, serviceFails, serviceReturns, topicArn } from "../services";

function definition(place: DemoPlace) {
  return {
    Comment: "Erase a data subject from every store within the statutory month",
    StartAt: "EraseEverywhere",
    States: {
      EraseEverywhere: {
        Type: "Parallel",
        Branches: [
          {
            StartAt: "EraseOrders",
            States: {
              EraseOrders: {
                Type: "Task",
                Resource: "arn:aws:states:::dynamodb:deleteItem",
                Parameters: { TableName: "orders-eu", Key: { customerId: { "S.$": "$.customerId" } } },
                End: true,
              },
            },
          },
          {
            StartAt: "EraseProfile",
            States: {
              EraseProfile: {
                Type: "Task",
                Resource: "arn:aws:states:::lambda:invoke",
                Parameters: { FunctionName: lambdaArn("profile-erase", place), "Payload.$": "$" },
                End: true,
              },
            },
          },
          {
            StartAt: "EraseEvents",
            States: {
              EraseEvents: {
                Type: "Task",
                Resource: "arn:aws:states:::aws-sdk:s3:deleteObjects",
                Parameters: { Bucket: "acme-events-eu", Delete: { Objects: [{ "Key.$": "$.customerId" }] } },
                End: true,
              },
            },
          },
        ],
        ResultPath: null,
        Next: "ConfirmErasure",
      },
      ConfirmErasure: {
        Type: "Task",
        Resource: "arn:aws:states:::sns:publish",
        Parameters: { TopicArn: topicArn("erasure-confirmations", place), Message: { "requestId.$": "$.requestId" } },
        ResultPath: null,
        End: true,
      },
    },
  };
}

function makeInput(rng: Rng) {
  return { requestId: `DSR-${rng.hex(8).toUpperCase()}`, customerId: `C-${rng.int(10000, 99999)}`, country: rng.pick(["DE", "FR", "IE", "NL", "ES", "IT"]) };
}

const eraseEvents: TaskBehaviour = ({ rng }) =>
  rng.chance(0.04)
    ? serviceFails(rng.latency(60), "S3.AccessDeniedException", `Access Denied (Service: S3, Status Code: 403, Request ID: ${rng.hex(16).toUpperCase()})`)
    : serviceReturns(rng, rng.latency(180), { Deleted: [{}] });

export function gdprErasure(place: DemoPlace): MachineSpec {
  return {
    name: "gdpr-erasure",
    type: "STANDARD",
    description: "Data-subject erasure across orders, profiles and events",
    createdMs: Date.UTC(2025, 6, 1, 7, 0, 0),
    definition: definition(place) as unknown as MachineSpec["definition"],
    slotSeconds: 600,
    density: (t) => dailyWave(t, 11, 0.3, 0.8),
    makeInput,
    makeTraits: () => ({}),
    behaviours: {
      EraseProfile: ({ rng }) => lambdaReturns(rng, rng.latency(400), { erased: true }),
      EraseEvents: eraseEvents,
    },
    abortChance: 0,
    longestLifeMs: HOUR_MS,
  };
}
