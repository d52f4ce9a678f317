/**
 * Usage billing, written in JSONata with workflow variables: every five minutes one account's
 * usage is priced (an inline Map whose iterations read the outer `$plan`), taxed, charged and
 * invoiced. The Wait for late usage events keeps each run open for 20–22 minutes, so the
 * account always has executions running. A legacy account without a billing country makes the
 * tax step's Arguments evaluate to nothing: States.QueryEvaluationError, with EvaluationFailed.
 */
import type { TaskBehaviour } from "../sim/behaviour";
import type { Json } from "../sim/jsonpath";
import type { Rng } from "../sim/random";
import { HOUR_MS, type MachineSpec } from "./machine-spec";
import { lambdaArn, lambdaReturns, lambdaServiceError, lambdaThrows, nodeStack, topicArn } from "./services";

/** The Wait for late usage events lasts at least this long: nothing ends sooner. */
export const SETTLE_MIN_SECONDS = 1200;
/** One run per slot; a run is open for longer than four slots, so three or more always overlap. */
const SLOT_SECONDS = 300;

const definition = {
  Comment: "Price, tax, charge and invoice one billing account's usage for the period",
  QueryLanguage: "JSONata",
  StartAt: "InitBilling",
  States: {
    InitBilling: {
      Type: "Pass",
      Assign: {
        accountId: "{% $states.input.accountId %}",
        plan: "{% $states.input.plan %}",
        currency: "{% $states.input.currency %}",
        settleSeconds: `{% ${SETTLE_MIN_SECONDS} + $states.input.lateEventBatches * 30 %}`,
      },
      Next: "WaitForLateUsage",
    },
    WaitForLateUsage: { Type: "Wait", Seconds: "{% $settleSeconds %}", Next: "PriceUsage" },
    PriceUsage: {
      Type: "Map",
      Items: "{% $states.input.usage %}",
      MaxConcurrency: 5,
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: "PriceLine",
        States: {
          PriceLine: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke",
            // One expression for the whole Arguments (the other form, field by field, is in ComputeTax).
            Arguments: `{% { 'FunctionName': '${lambdaArn("billing-price-line")}', 'Payload': { 'meter': $states.input.meter, 'quantity': $states.input.quantity, 'plan': $plan } } %}`,
            Retry: [{ ErrorEquals: ["Lambda.TooManyRequestsException"], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 }],
            Output: "{% $states.result.Payload %}",
            End: true,
          },
        },
      },
      Assign: { subtotal: "{% $round($sum($states.result.amount), 2) %}", lineCount: "{% $count($states.result) %}" },
      Output: "{% $states.input %}",
      Next: "ComputeTax",
    },
    ComputeTax: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Arguments: {
        FunctionName: lambdaArn("billing-compute-tax"),
        Payload: { country: "{% $states.input.customer.billingAddress.country %}", subtotal: "{% $subtotal %}", currency: "{% $currency %}" },
      },
      Assign: { tax: "{% $states.result.Payload.tax %}", total: "{% $round($subtotal + $states.result.Payload.tax, 2) %}" },
      Output: "{% $states.input %}",
      Next: "AnythingToCharge",
    },
    AnythingToCharge: {
      Type: "Choice",
      Choices: [{ Condition: "{% $total <= 0 %}", Next: "NothingToBill" }],
      Default: "ChargeCard",
    },
    ChargeCard: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Arguments: {
        FunctionName: lambdaArn("billing-charge"),
        Payload: { accountId: "{% $accountId %}", amount: "{% $total %}", currency: "{% $currency %}" },
      },
      TimeoutSeconds: 20,
      Retry: [{ ErrorEquals: ["PaymentProviderUnavailable"], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 2 }],
      Catch: [
        {
          ErrorEquals: ["CardDeclined"],
          Assign: { declineReason: "{% $eval($states.errorOutput.Cause).errorMessage %}" },
          Output: "{% $states.input %}",
          Next: "NotifyDeclined",
        },
      ],
      Assign: { chargeId: "{% $states.result.Payload.chargeId %}" },
      Output: "{% $states.input %}",
      Next: "SendInvoice",
    },
    SendInvoice: {
      Type: "Task",
      Resource: "arn:aws:states:::sns:publish",
      Arguments: {
        TopicArn: topicArn("billing-invoices"),
        Message: "{% $string({ 'accountId': $accountId, 'total': $total, 'currency': $currency, 'chargeId': $chargeId }) %}",
      },
      Output: "{% { 'accountId': $accountId, 'lines': $lineCount, 'subtotal': $subtotal, 'tax': $tax, 'total': $total, 'currency': $currency, 'chargeId': $chargeId } %}",
      End: true,
    },
    NotifyDeclined: {
      Type: "Task",
      Resource: "arn:aws:states:::sns:publish",
      Arguments: { TopicArn: topicArn("billing-dunning"), Message: "{% $string({ 'accountId': $accountId, 'reason': $declineReason }) %}" },
      Next: "PaymentDeclined",
    },
    PaymentDeclined: { Type: "Fail", Error: "CardDeclined", Cause: "{% 'The card was declined: ' & $declineReason %}" },
    NothingToBill: {
      Type: "Succeed",
      Output: "{% { 'accountId': $accountId, 'lines': $lineCount, 'total': 0, 'currency': $currency } %}",
    },
  },
} as const;

const METERS = ["api-requests", "storage-gb-hours", "egress-gb", "build-minutes", "seats"];
const COUNTRIES = ["US", "DE", "FR", "GB", "BR", "JP", "IN", "CA"];

function makeInput(rng: Rng, startMs: number): Json {
  // About 3% of accounts were migrated from the old system without a billing address.
  const legacy = rng.chance(0.03);
  const country = rng.pick(COUNTRIES);
  return {
    accountId: `acct_${rng.hex(10)}`,
    plan: rng.pick(["starter", "team", "team", "business", "enterprise"]),
    currency: country === "US" ? "USD" : country === "GB" ? "GBP" : country === "JP" ? "JPY" : "EUR",
    periodEnd: new Date(startMs).toISOString().slice(0, 10),
    lateEventBatches: rng.int(0, 4),
    customer: legacy
      ? { name: `Legacy customer ${rng.int(100, 999)}`, email: `billing+${rng.hex(4)}@example.com` }
      : ({ name: `Customer ${rng.int(1000, 9999)}`, email: `billing+${rng.hex(4)}@example.com`, billingAddress: { country, postalCode: String(rng.int(10000, 99999)) } } as Json),
    // Accounts on a free trial have no billable usage: the run ends at NothingToBill.
    usage: rng.chance(0.06)
      ? METERS.slice(0, rng.int(1, 3)).map((meter) => ({ meter, quantity: 0 }))
      : METERS.slice(0, rng.int(2, 5)).map((meter) => ({ meter, quantity: meter === "seats" ? rng.int(1, 120) : rng.int(1, 50_000) })),
  };
}

const UNIT_PRICE: Record<string, number> = { "api-requests": 0.0004, "storage-gb-hours": 0.0031, "egress-gb": 0.09, "build-minutes": 0.008, seats: 12 };
const PLAN_DISCOUNT: Record<string, number> = { starter: 1, team: 0.95, business: 0.9, enterprise: 0.8 };

const priceLine: TaskBehaviour = ({ rng, parameters }) => {
  const p = (parameters as { Payload: { meter: string; quantity: number; plan: string } }).Payload;
  if (rng.chance(0.01)) return lambdaServiceError(rng.latency(20), "Lambda.TooManyRequestsException", "Rate Exceeded.", rng);
  const unitPrice = Math.round((UNIT_PRICE[p.meter] ?? 0.01) * (PLAN_DISCOUNT[p.plan] ?? 1) * 1e6) / 1e6;
  return lambdaReturns(rng, rng.latency(120), { meter: p.meter, quantity: p.quantity, unitPrice, amount: Math.round(p.quantity * unitPrice * 100) / 100 });
};

const TAX_RATE: Record<string, number> = { US: 0.07, DE: 0.19, FR: 0.2, GB: 0.2, BR: 0.17, JP: 0.1, IN: 0.18, CA: 0.13 };

const computeTax: TaskBehaviour = ({ rng, parameters }) => {
  const p = (parameters as { Payload: { country: string; subtotal: number } }).Payload;
  const rate = TAX_RATE[p.country] ?? 0;
  return lambdaReturns(rng, rng.latency(90), { country: p.country, rate, tax: Math.round(p.subtotal * rate * 100) / 100 });
};

const chargeCard: TaskBehaviour = ({ rng, attempt }) => {
  const roll = rng.next();
  if (roll < 0.04) {
    const message = rng.pick(["insufficient_funds", "card_expired", "do_not_honor"]);
    return lambdaThrows(rng, rng.latency(900), "CardDeclined", message, nodeStack("CardDeclined", message, ["charge (/var/task/charge.js:48:13)", "async Runtime.handler (/var/task/index.js:15:20)"]));
  }
  if (attempt === 0 && roll < 0.07) {
    return lambdaThrows(rng, rng.latency(1500), "PaymentProviderUnavailable", "Payment provider returned HTTP 503", nodeStack("PaymentProviderUnavailable", "Payment provider returned HTTP 503", ["charge (/var/task/charge.js:31:11)"]));
  }
  return lambdaReturns(rng, rng.latency(700), { chargeId: `ch_${rng.hex(24)}`, status: "succeeded" });
};

export const invoiceBilling: MachineSpec = {
  name: "invoice-billing",
  type: "STANDARD",
  description: "JSONata + variables: price, tax, charge and invoice an account's usage every 5 minutes",
  createdMs: Date.UTC(2025, 10, 20, 16, 45, 12),
  definition: definition as unknown as MachineSpec["definition"],
  slotSeconds: SLOT_SECONDS,
  // A scheduled job: every slot holds a run, so at least three are always waiting for late usage.
  density: () => 1,
  makeInput,
  makeTraits: () => ({}),
  behaviours: { PriceLine: priceLine, ComputeTax: computeTax, ChargeCard: chargeCard },
  abortChance: 0,
  longestLifeMs: HOUR_MS,
};
