/**
 * Purchase approvals: a cooling-off Wait, then a callback Task that waits for an approver's
 * answer (task token sent through SNS). Approvers sometimes take too long (the task times out
 * and is escalated), their app sometimes stops heartbeating, and a request that drags on past
 * the workflow's own limit times the execution out.
 */
import type { TaskBehaviour } from "../sim/behaviour";
import type { Rng } from "../sim/random";
import { HOUR_MS, dailyWave, type MachineSpec } from "./machine-spec";
import { lambdaArn, lambdaReturns, lambdaThrows, nodeStack, topicArn } from "./services";

const definition = {
  Comment: "Purchase requests above the auto-approve limit wait for a human decision",
  TimeoutSeconds: 1800,
  StartAt: "PrepareRequest",
  States: {
    PrepareRequest: {
      Type: "Pass",
      Parameters: {
        "requestId.$": "$.requestId",
        "requester.$": "$.requester",
        "amount.$": "$.amount",
        "costCenter.$": "$.costCenter",
        "submittedAt.$": "$$.Execution.StartTime",
      },
      Next: "CoolingOff",
    },
    CoolingOff: { Type: "Wait", Seconds: 60, Next: "RequestApproval" },
    RequestApproval: {
      Type: "Task",
      Resource: "arn:aws:states:::sns:publish.waitForTaskToken",
      Parameters: {
        TopicArn: topicArn("purchase-approvals"),
        Message: { "requestId.$": "$.requestId", "amount.$": "$.amount", "requester.$": "$.requester", "taskToken.$": "$$.Task.Token" },
      },
      TimeoutSeconds: 1500,
      HeartbeatSeconds: 600,
      ResultPath: "$.approval",
      Retry: [{ ErrorEquals: ["States.HeartbeatTimeout"], IntervalSeconds: 30, MaxAttempts: 1, BackoffRate: 1 }],
      Catch: [{ ErrorEquals: ["States.Timeout"], ResultPath: "$.error", Next: "EscalateToManager" }],
      Next: "CheckDecision",
    },
    CheckDecision: {
      Type: "Choice",
      Choices: [{ Variable: "$.approval.decision", StringEquals: "APPROVED", Next: "ProvisionPurchase" }],
      Default: "NotifyRejected",
    },
    ProvisionPurchase: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: lambdaArn("procurement-create-po"), Payload: { "requestId.$": "$.requestId", "amount.$": "$.amount", "approval.$": "$.approval" } },
      ResultSelector: { "purchaseOrder.$": "$.Payload.purchaseOrder" },
      ResultPath: "$.provisioned",
      Next: "RecordDecision",
    },
    RecordDecision: {
      Type: "Task",
      Resource: "arn:aws:states:::dynamodb:putItem",
      Parameters: {
        TableName: "purchase-requests",
        Item: { requestId: { "S.$": "$.requestId" }, decision: { "S.$": "$.approval.decision" }, purchaseOrder: { "S.$": "$.provisioned.purchaseOrder" } },
      },
      ResultPath: null,
      End: true,
    },
    NotifyRejected: {
      Type: "Task",
      Resource: "arn:aws:states:::sns:publish",
      Parameters: { TopicArn: topicArn("purchase-decisions"), Message: { "requestId.$": "$.requestId", "decision.$": "$.approval.decision" } },
      ResultPath: null,
      End: true,
    },
    EscalateToManager: {
      Type: "Task",
      Resource: "arn:aws:states:::sns:publish",
      Parameters: { TopicArn: topicArn("purchase-escalations"), Message: { "requestId.$": "$.requestId", "costCenter.$": "$.costCenter" } },
      ResultPath: null,
      Next: "ApprovalExpired",
    },
    ApprovalExpired: { Type: "Fail", Error: "ApprovalExpired", Cause: "No decision within 25 minutes; escalated to the cost-center manager" },
  },
} as const;

const APPROVERS = ["h.becker@example.com", "s.okafor@example.com", "p.rossi@example.com", "k.nguyen@example.com"];

function makeInput(rng: Rng) {
  return {
    requestId: `PR-${rng.int(100000, 999999)}`,
    requester: `${rng.pick(["dana", "omar", "ines", "tom", "mei", "raj"])}@example.com`,
    amount: Math.round((2500 + rng.next() * 47500) * 100) / 100,
    currency: "USD",
    costCenter: rng.pick(["CC-1001-ENG", "CC-2040-MKT", "CC-3300-OPS", "CC-4100-SALES"]),
    description: rng.pick(["Annual IDE licences", "Conference booth", "GPU instances reservation", "Office furniture", "Security audit"]),
  };
}

const requestApproval: TaskBehaviour = ({ rng, attempt, execution }) => {
  if (attempt === 0 ? execution.traits.appCrash : rng.chance(0.2)) return { kind: "silent" };
  // After the approver's app crashed once, the re-sent request often waits for someone who is away.
  const away = attempt > 0 && rng.chance(0.5);
  const minutes = away ? rng.int(20 * 60_000, 40 * 60_000) : rng.latency(7 * 60_000, 0.7);
  return {
    kind: "succeed",
    durationMs: minutes,
    result: {
      decision: rng.chance(0.82) ? "APPROVED" : "REJECTED",
      approver: rng.pick(APPROVERS),
      comment: rng.pick(["", "ok", "Within budget", "Please use the preferred vendor next time", "Approved for Q4"]),
    },
  };
};

const provision: TaskBehaviour = ({ rng }) =>
  rng.chance(0.03)
    ? lambdaThrows(rng, rng.latency(800), "QuotaExceededError", "Cost center budget exhausted for this quarter", nodeStack(
        "QuotaExceededError",
        "Cost center budget exhausted for this quarter",
        ["assertBudget (/var/task/budget.js:27:11)", "async createPurchaseOrder (/var/task/po.js:54:3)", "async Runtime.handler (/var/task/index.js:12:16)"],
      ))
    : lambdaReturns(rng, rng.latency(1200), { purchaseOrder: `PO-${rng.int(2026000, 2026999)}-${rng.hex(4).toUpperCase()}` });

export const humanApproval: MachineSpec = {
  name: "human-approval",
  type: "STANDARD",
  description: "Purchase approvals through a callback task",
  createdMs: Date.UTC(2025, 1, 11, 11, 0, 2),
  definition: definition as unknown as MachineSpec["definition"],
  slotSeconds: 150,
  density: (t) => dailyWave(t, 15, 0.1, 0.85),
  makeInput,
  makeTraits: (rng) => ({ appCrash: rng.chance(0.07) }),
  behaviours: { RequestApproval: requestApproval, ProvisionPurchase: provision },
  abortChance: 0.02,
  longestLifeMs: HOUR_MS,
};
