/**
 * prod, eu-west-1: settles the card payments captured in Europe, a batch every few minutes.
 * An inline Map settles each transaction with the acquirer, retrying its rare 503s; a healthy
 * machine, with the odd batch that fails when the acquirer stays down through every retry.
 */
import type { DemoPlace } from "../../contract";
import type { TaskBehaviour } from "../../sim/behaviour";
import type { Rng } from "../../sim/random";
import { HOUR_MS, dailyWave, type MachineSpec } from "../machine-spec";
import { lambdaArn, lambdaReturns, lambdaThrows, nodeStack, topicArn } from "../services";

function definition(place: DemoPlace) {
  return {
    Comment: "Settle the batch of captured card payments with the acquirer, then report",
    StartAt: "FetchBatch",
    States: {
      FetchBatch: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: lambdaArn("settlement-fetch-batch", place), "Payload.$": "$" },
        ResultSelector: { "batchId.$": "$.Payload.batchId", "transactions.$": "$.Payload.transactions" },
        ResultPath: "$.batch",
        Next: "SettleEach",
      },
      SettleEach: {
        Type: "Map",
        ItemsPath: "$.batch.transactions",
        MaxConcurrency: 5,
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: "Settle",
          States: {
            Settle: {
              Type: "Task",
              Resource: "arn:aws:states:::lambda:invoke",
              Parameters: { FunctionName: lambdaArn("settlement-settle", place), "Payload.$": "$" },
              ResultSelector: { "transactionId.$": "$.Payload.transactionId", "settled.$": "$.Payload.settled" },
              Retry: [{ ErrorEquals: ["AcquirerUnavailable"], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
              End: true,
            },
          },
        },
        ResultPath: "$.settlements",
        Next: "PublishReport",
      },
      PublishReport: {
        Type: "Task",
        Resource: "arn:aws:states:::sns:publish",
        Parameters: { TopicArn: topicArn("settlement-reports", place), Message: { "batchId.$": "$.batch.batchId" } },
        ResultPath: null,
        End: true,
      },
    },
  };
}

function makeInput(rng: Rng, startMs: number) {
  return { merchantGroup: rng.pick(["eu-retail", "eu-travel", "eu-digital"]), cutoff: new Date(startMs).toISOString(), currency: rng.pick(["EUR", "EUR", "GBP", "SEK"]) };
}

const fetchBatch: TaskBehaviour = ({ rng, execution }) =>
  lambdaReturns(rng, rng.latency(220), {
    batchId: `STL-${execution.executionName.slice(0, 8).toUpperCase()}`,
    transactions: Array.from({ length: Number(execution.traits.size) }, () => ({ transactionId: `txn_${rng.hex(16)}`, amount: rng.int(5, 900) })),
  });

const settle: TaskBehaviour = ({ rng, execution, parameters }) => {
  const tx = (parameters as { Payload?: { transactionId?: string } }).Payload?.transactionId ?? "unknown";
  if (execution.traits.acquirerDown || rng.chance(0.01)) {
    const message = "Acquirer returned HTTP 503 for the settlement request";
    return lambdaThrows(rng, rng.latency(800), "AcquirerUnavailable", message, nodeStack("AcquirerUnavailable", message, ["AcquirerClient.settle (/var/task/acquirer.js:57:11)", "async Runtime.handler (/var/task/index.js:14:18)"]));
  }
  return lambdaReturns(rng, rng.latency(350), { transactionId: tx, settled: true });
};

export function paymentSettlement(place: DemoPlace): MachineSpec {
  return {
    name: "payment-settlement",
    type: "STANDARD",
    description: "Settles captured card payments with the acquirer, batch by batch",
    createdMs: Date.UTC(2025, 9, 14, 9, 40, 0),
    definition: definition(place) as unknown as MachineSpec["definition"],
    slotSeconds: 300,
    density: (t) => dailyWave(t, 13, 0.4, 0.9),
    makeInput,
    makeTraits: (rng) => ({ size: rng.int(3, 9), acquirerDown: rng.chance(0.008) }),
    behaviours: { FetchBatch: fetchBatch, Settle: settle },
    abortChance: 0,
    longestLifeMs: HOUR_MS,
  };
}
