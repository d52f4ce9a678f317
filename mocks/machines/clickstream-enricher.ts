/** A small Express workflow: enrich a click event and forward it. No history is kept for Express. */
import type { MachineSpec } from "./machine-spec";
import { lambdaArn, lambdaReturns } from "./services";

const definition = {
  Comment: "Enrich click events with geo and session data, then forward them to Firehose",
  StartAt: "Enrich",
  States: {
    Enrich: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: lambdaArn("clickstream-enrich"), "Payload.$": "$" },
      ResultSelector: { "event.$": "$.Payload" },
      OutputPath: "$.event",
      Next: "Forward",
    },
    Forward: {
      Type: "Task",
      Resource: "arn:aws:states:::aws-sdk:firehose:putRecord",
      Parameters: { DeliveryStreamName: "clickstream-enriched", Record: { "Data.$": "$" } },
      End: true,
    },
  },
} as const;

export const clickstreamEnricher: MachineSpec = {
  name: "clickstream-enricher",
  type: "EXPRESS",
  description: "Express: enrich and forward click events",
  createdMs: Date.UTC(2025, 7, 21, 8, 30, 0),
  definition: definition as unknown as MachineSpec["definition"],
  slotSeconds: 0,
  density: () => 0,
  makeInput: (rng) => ({ sessionId: rng.uuid(), path: rng.pick(["/", "/pricing", "/docs", "/signup"]), ts: 0 }),
  makeTraits: () => ({}),
  behaviours: {
    Enrich: ({ rng, parameters }) =>
      lambdaReturns(rng, rng.latency(40), { ...(parameters as { Payload: Record<string, never> }).Payload, country: rng.pick(["US", "DE", "BR", "JP", "IN"]) }),
  },
  abortChance: 0,
  longestLifeMs: 0,
};
