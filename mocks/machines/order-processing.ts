/**
 * Checkout: validate, reserve stock, charge the card (retried with back-off), confirm and
 * notify. A failed charge is compensated by releasing the reservation. The payment provider
 * has a recurring incident (30 minutes every 3 hours), which makes this the unhealthy machine.
 * Orders failed by a bug in the validator (a TypeError) are mostly redriven a while later, once
 * the fix is deployed: those histories go on after ExecutionRedriven under the same ARN.
 */
import type { TaskBehaviour } from "../sim/behaviour";
import type { Rng } from "../sim/random";
import { HOUR_MS, dailyWave, type MachineSpec } from "./machine-spec";
import {
  lambdaArn,
  lambdaReturns,
  lambdaServiceError,
  lambdaThrows,
  nodeStack,
  serviceFails,
  serviceReturns,
  topicArn,
} from "./services";

const HOUR = 3_600_000;
const INCIDENT_EVERY_MS = 3 * HOUR;
const INCIDENT_LENGTH_MS = 30 * 60_000;
const INCIDENT_OFFSET_MS = 70 * 60_000;

/** True while the payment provider is having its recurring outage. */
export function paymentIncidentAt(tMs: number): boolean {
  const phase = (((tMs - INCIDENT_OFFSET_MS) % INCIDENT_EVERY_MS) + INCIDENT_EVERY_MS) % INCIDENT_EVERY_MS;
  return phase < INCIDENT_LENGTH_MS;
}

const definition = {
  Comment: "Checkout: validate, reserve stock, charge, confirm; releases the reservation when the charge fails",
  StartAt: "ValidateOrder",
  States: {
    ValidateOrder: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: lambdaArn("validate-order"), "Payload.$": "$" },
      ResultSelector: { "valid.$": "$.Payload.valid", "riskScore.$": "$.Payload.riskScore" },
      ResultPath: "$.validation",
      Retry: [
        {
          ErrorEquals: ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"],
          IntervalSeconds: 1,
          MaxAttempts: 2,
          BackoffRate: 2,
        },
      ],
      Next: "CheckRisk",
    },
    CheckRisk: {
      Type: "Choice",
      Choices: [
        { Variable: "$.validation.valid", BooleanEquals: false, Next: "OrderRejected" },
        { Variable: "$.validation.riskScore", NumericGreaterThan: 80, Next: "FlagForReview" },
      ],
      Default: "ReserveInventory",
    },
    FlagForReview: {
      Type: "Pass",
      Result: { flagged: true, reason: "risk score above 80" },
      ResultPath: "$.review",
      Next: "ReserveInventory",
    },
    OrderRejected: { Type: "Fail", Error: "OrderRejected", Cause: "The order failed validation" },
    ReserveInventory: {
      Type: "Task",
      Resource: "arn:aws:states:::dynamodb:putItem",
      Parameters: {
        TableName: "inventory-reservations",
        Item: { orderId: { "S.$": "$.orderId" }, status: { S: "RESERVED" } },
        ConditionExpression: "attribute_not_exists(orderId)",
      },
      ResultPath: null,
      Next: "ChargePayment",
    },
    ChargePayment: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: {
        FunctionName: lambdaArn("charge-payment"),
        Payload: { "orderId.$": "$.orderId", "amount.$": "$.total", "currency.$": "$.currency", "customerId.$": "$.customer.id" },
      },
      TimeoutSeconds: 30,
      ResultSelector: { "transactionId.$": "$.Payload.transactionId", "status.$": "$.Payload.status" },
      ResultPath: "$.payment",
      Retry: [
        { ErrorEquals: ["ServiceUnavailable", "States.Timeout"], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 3 },
        {
          ErrorEquals: ["Lambda.TooManyRequestsException"],
          IntervalSeconds: 1,
          BackoffRate: 1.5,
          MaxAttempts: 5,
          MaxDelaySeconds: 5,
          JitterStrategy: "FULL",
        },
      ],
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "ReleaseReservation" }],
      Next: "ConfirmOrder",
    },
    ConfirmOrder: {
      Type: "Task",
      Resource: "arn:aws:states:::dynamodb:updateItem",
      Parameters: {
        TableName: "orders",
        Key: { orderId: { "S.$": "$.orderId" } },
        UpdateExpression: "SET #s = :s, transactionId = :t",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":s": { S: "CONFIRMED" }, ":t": { "S.$": "$.payment.transactionId" } },
      },
      ResultPath: null,
      Next: "NotifyCustomer",
    },
    NotifyCustomer: {
      Type: "Task",
      Resource: "arn:aws:states:::sns:publish",
      Parameters: {
        TopicArn: topicArn("order-confirmations"),
        Message: { "orderId.$": "$.orderId", "email.$": "$.customer.email", "total.$": "$.total" },
      },
      ResultSelector: { "messageId.$": "$.MessageId" },
      ResultPath: "$.notification",
      End: true,
    },
    ReleaseReservation: {
      Type: "Task",
      Resource: "arn:aws:states:::dynamodb:deleteItem",
      Parameters: { TableName: "inventory-reservations", Key: { orderId: { "S.$": "$.orderId" } } },
      ResultPath: null,
      Next: "RouteAfterCompensation",
    },
    RouteAfterCompensation: {
      Type: "Choice",
      Choices: [{ Variable: "$.error.Error", StringEquals: "PaymentDeclined", Next: "NotifyDeclined" }],
      Default: "PaymentFailed",
    },
    NotifyDeclined: {
      Type: "Task",
      Resource: "arn:aws:states:::sns:publish",
      Parameters: {
        TopicArn: topicArn("order-declined"),
        Message: { "orderId.$": "$.orderId", "reason.$": "$.error.Error" },
      },
      ResultPath: null,
      Next: "OrderDeclined",
    },
    OrderDeclined: { Type: "Succeed" },
    PaymentFailed: {
      Type: "Fail",
      Error: "PaymentProviderError",
      Cause: "The payment could not be charged after retries; the inventory reservation was released",
    },
  },
} as const;

const SKUS = ["SKU-1042-BLK", "SKU-2210-M", "SKU-3307", "SKU-4480-XL", "SKU-5012", "SKU-7781-RED", "SKU-9004"];
const NAMES = ["maria.garcia", "li.wei", "james.smith", "aisha.khan", "lucas.martin", "yuki.tanaka", "olga.ivanova"];

function makeInput(rng: Rng, startMs: number) {
  const items = Array.from({ length: rng.int(1, 4) }, () => ({
    sku: rng.pick(SKUS),
    quantity: rng.int(1, 3),
    unitPrice: Math.round((5 + rng.next() * 195) * 100) / 100,
  }));
  const total = Math.round(items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0) * 100) / 100;
  const user = rng.pick(NAMES);
  // A legacy client sometimes omits the e-mail address; the workflow does not guard against it.
  const customer: { [key: string]: string } = rng.chance(0.006) ? { id: `C-${rng.int(10000, 99999)}` } : { id: `C-${rng.int(10000, 99999)}`, email: `${user}@example.com` };
  return {
    orderId: `ORD-${new Date(startMs).toISOString().slice(0, 10).replace(/-/g, "")}-${rng.hex(6).toUpperCase()}`,
    customer,
    items,
    total,
    currency: rng.pick(["USD", "USD", "USD", "EUR", "GBP"]),
    channel: rng.pick(["web", "ios", "android"]),
  };
}

const validateOrder: TaskBehaviour = ({ rng, execution, redriveCount }) => {
  // The validator's bug is fixed by the time someone redrives the failed order.
  if (execution.traits.validatorBug && redriveCount === 0) {
    return lambdaThrows(
      rng,
      rng.latency(90),
      "TypeError",
      "Cannot read properties of undefined (reading 'sku')",
      nodeStack("TypeError", "Cannot read properties of undefined (reading 'sku')", [
        "normaliseLine (/var/task/validate.js:41:27)",
        "Array.map (<anonymous>)",
        "validateOrder (/var/task/validate.js:18:32)",
        "Runtime.handler (/var/task/index.js:9:18)",
      ]),
    );
  }
  if (rng.chance(0.004)) return lambdaServiceError(rng.latency(40), "Lambda.ServiceException", "Lambda service error", rng);
  return lambdaReturns(rng, rng.latency(140), {
    valid: !execution.traits.invalid,
    riskScore: Number(execution.traits.riskScore),
  });
};

const chargePayment: TaskBehaviour = ({ rng, execution, startMs, parameters }) => {
  const incident = paymentIncidentAt(startMs);
  if (incident && rng.chance(0.92)) {
    return lambdaThrows(rng, rng.latency(2500, 0.3), "ServiceUnavailable", "Payment provider returned HTTP 503", nodeStack(
      "ServiceUnavailable",
      "Payment provider returned HTTP 503",
      ["PaymentClient.charge (/var/task/payments/client.js:88:15)", "process.processTicksAndRejections (node:internal/process/task_queues:95:5)", "async Runtime.handler (/var/task/index.js:22:20)"],
    ));
  }
  if (execution.traits.declined) {
    return lambdaThrows(rng, rng.latency(700), "PaymentDeclined", "Card declined: insufficient_funds", nodeStack(
      "PaymentDeclined",
      "Card declined: insufficient_funds",
      ["PaymentClient.charge (/var/task/payments/client.js:102:13)", "async Runtime.handler (/var/task/index.js:22:20)"],
    ));
  }
  const roll = rng.next();
  if (roll < 0.05) {
    return lambdaThrows(rng, rng.latency(1200), "ServiceUnavailable", "Payment provider returned HTTP 503", nodeStack(
      "ServiceUnavailable",
      "Payment provider returned HTTP 503",
      ["PaymentClient.charge (/var/task/payments/client.js:88:15)", "async Runtime.handler (/var/task/index.js:22:20)"],
    ));
  }
  if (roll < 0.065) return lambdaServiceError(rng.latency(30), "Lambda.TooManyRequestsException", "Rate Exceeded.", rng);
  if (roll < 0.075) return { kind: "succeed", durationMs: 31_000 + rng.int(0, 5000), result: {} };
  const payload = parameters as { Payload?: { amount?: number } };
  return lambdaReturns(rng, rng.latency(650), {
    transactionId: `txn_${rng.hex(24)}`,
    status: "CAPTURED",
    amount: payload.Payload?.amount ?? 0,
  });
};

const reserveInventory: TaskBehaviour = ({ rng }) =>
  rng.chance(0.006)
    ? serviceFails(rng.latency(15), "DynamoDB.ConditionalCheckFailedException", "The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: " + rng.hex(32).toUpperCase() + ")")
    : serviceReturns(rng, rng.latency(14), {});

export const orderProcessing: MachineSpec = {
  name: "order-processing",
  type: "STANDARD",
  description: "Checkout workflow with payment retries and compensation",
  createdMs: Date.UTC(2025, 8, 3, 14, 12, 7),
  definition: definition as unknown as MachineSpec["definition"],
  slotSeconds: 10,
  density: (t) => dailyWave(t, 19, 0.35, 0.95),
  makeInput,
  makeTraits: (rng) => ({
    validatorBug: rng.chance(0.012),
    invalid: rng.chance(0.02),
    riskScore: rng.int(0, 100),
    declined: rng.chance(0.04),
  }),
  behaviours: { ValidateOrder: validateOrder, ChargePayment: chargePayment, ReserveInventory: reserveInventory },
  abortChance: 0.002,
  // On call redrives most orders that the validator's TypeError failed, once its fix is out.
  redriveDelayMs: (rng, error, redriveCount) => (error === "TypeError" && redriveCount === 1 && rng.chance(0.7) ? rng.int(15 * 60_000, 50 * 60_000) : undefined),
  longestLifeMs: 2 * HOUR_MS,
};
