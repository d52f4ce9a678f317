/**
 * A Step Functions account whose data copies two secrets into every place Step Functions copies
 * payloads: the input, state inputs and outputs, a Lambda `Payload`, an SQS `MessageBody` (JSON
 * in a string), a nested execution's `Input`, assigned variables, an `EvaluationFailed` detail,
 * a Lambda error's cause, a `States.Runtime` cause that quotes the input as prose, a distributed
 * Map's child execution — and one execution whose input is 10,000 levels deep. With
 * STEPSCOPE_REDACT_PATHS='$..password,$.card.number' none of the secrets may leave Stepscope.
 */
import { arnOf, FakeSfn, type FakeExecution } from "./fake-sfn";

export const CARD = "4111-1111-1111-1111";
export const PASSWORD = "hunter2-leaks";
export const CHILD_CARD = "5500-0000-0000-0004";
export const CHILD_PASSWORD = "child-pass-77";
export const DEEP_SECRET = "deep-down-secret";
export const SECRETS = [CARD, PASSWORD, CHILD_CARD, CHILD_PASSWORD, DEEP_SECRET];
export const REDACT_PATHS = "$..password,$.card.number";

export const MACHINE = "payments";
export const LEAKY = arnOf.execution(MACHINE, "leaky-1");
export const DEEP = arnOf.execution(MACHINE, "deep-1");
export const MAP_RUN = arnOf.mapRun(MACHINE, "ChargeEach", "run-1");
export const CHILD = arnOf.execution(`${MACHINE}/ChargeEach`, "child-1");

const DEFINITION = JSON.stringify({
  StartAt: "Charge",
  States: {
    Charge: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Catch: [{ ErrorEquals: ["States.ALL"], Next: "SendToQueue" }], Next: "SendToQueue" },
    SendToQueue: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", Next: "StartChild" },
    StartChild: { Type: "Task", Resource: "arn:aws:states:::states:startExecution.sync:2", End: true },
  },
});

const order = { card: { number: CARD, brand: "visa" }, user: { name: "ada", password: PASSWORD }, amount: 42 };
const INPUT = JSON.stringify(order);
const RUNTIME_CAUSE = `An error occurred while executing the state 'StartChild' (entered at the event id #11). The JSONPath '$.child' specified for the field 'Input.$' could not be found in the input '${INPUT}'`;

type Event = FakeExecution["events"][number];

function leakyEvents(start: number): Event[] {
  const e = (id: number, type: string, details: Record<string, unknown>): Event => ({ id, previousEventId: id - 1, timestamp: start + id, type, ...details });
  return [
    e(1, "ExecutionStarted", { executionStartedEventDetails: { input: INPUT, inputDetails: { truncated: false }, roleArn: "r" } }),
    e(2, "TaskStateEntered", { stateEnteredEventDetails: { name: "Charge", input: INPUT } }),
    e(3, "TaskScheduled", {
      taskScheduledEventDetails: { resource: "invoke", resourceType: "lambda", region: "us-east-1", parameters: JSON.stringify({ FunctionName: "charge", Payload: { order } }) },
    }),
    e(4, "TaskStarted", { taskStartedEventDetails: { resource: "invoke", resourceType: "lambda" } }),
    e(5, "TaskFailed", {
      taskFailedEventDetails: { resource: "invoke", resourceType: "lambda", error: "Declined", cause: JSON.stringify({ errorMessage: `card ${CARD} declined for ${INPUT}`, errorType: "Declined" }) },
    }),
    e(6, "TaskStateExited", { stateExitedEventDetails: { name: "Charge", output: INPUT } }),
    e(7, "TaskStateEntered", { stateEnteredEventDetails: { name: "SendToQueue", input: INPUT } }),
    e(8, "TaskScheduled", {
      taskScheduledEventDetails: { resource: "sendMessage", resourceType: "sqs", region: "us-east-1", parameters: JSON.stringify({ QueueUrl: "https://sqs/q", MessageBody: INPUT }) },
    }),
    e(9, "TaskSucceeded", { taskSucceededEventDetails: { resource: "sendMessage", resourceType: "sqs", output: JSON.stringify({ MessageId: "m-1", Echo: JSON.stringify({ password: PASSWORD }) }) } }),
    e(10, "TaskStateExited", { stateExitedEventDetails: { name: "SendToQueue", output: INPUT, assignedVariables: { token: JSON.stringify(PASSWORD), cardOnFile: JSON.stringify(CARD) } } }),
    e(11, "TaskStateEntered", { stateEnteredEventDetails: { name: "StartChild", input: INPUT } }),
    e(12, "TaskScheduled", {
      taskScheduledEventDetails: { resource: "startExecution.sync:2", resourceType: "states", region: "us-east-1", parameters: JSON.stringify({ StateMachineArn: "arn", Input: INPUT }) },
    }),
    e(13, "EvaluationFailed", {
      evaluationFailedEventDetails: { error: "States.QueryEvaluationError", cause: `The value "${PASSWORD}" is not a number`, location: "Arguments", state: "StartChild" },
    }),
    e(14, "MapRunStarted", { mapRunStartedEventDetails: { mapRunArn: MAP_RUN } }),
    e(15, "ExecutionFailed", { executionFailedEventDetails: { error: "States.Runtime", cause: RUNTIME_CAUSE } }),
  ];
}

function deepInput(): string {
  const depth = 10_000;
  return '{"a":'.repeat(depth) + JSON.stringify({ password: DEEP_SECRET }) + "}".repeat(depth);
}

export function leakyAccount(nowSeconds = Math.floor(Date.now() / 1000)): FakeSfn {
  const fake = new FakeSfn();
  fake.machines = [{ name: MACHINE, type: "STANDARD", createdSeconds: nowSeconds - 86_400, definition: DEFINITION }];
  const start = nowSeconds - 600;
  fake.addExecution({
    machine: MACHINE,
    name: "deep-1",
    status: "SUCCEEDED",
    startSeconds: start - 60,
    stopSeconds: start - 50,
    description: { input: deepInput(), output: "{}" },
    events: [
      { id: 1, previousEventId: 0, timestamp: start - 60, type: "ExecutionStarted", executionStartedEventDetails: { input: deepInput(), roleArn: "r" } },
      { id: 2, previousEventId: 1, timestamp: start - 50, type: "ExecutionSucceeded", executionSucceededEventDetails: { output: "{}" } },
    ],
  });
  fake.addExecution({
    machine: MACHINE,
    name: "leaky-1",
    status: "FAILED",
    startSeconds: start,
    stopSeconds: start + 15,
    description: { input: INPUT, error: "States.Runtime", cause: RUNTIME_CAUSE },
    events: leakyEvents(start),
  });
  const childInput = JSON.stringify({ card: { number: CHILD_CARD }, password: CHILD_PASSWORD });
  fake.addExecution({
    machine: `${MACHINE}/ChargeEach`,
    name: "child-1",
    status: "FAILED",
    startSeconds: start + 14,
    stopSeconds: start + 15,
    mapRunArn: MAP_RUN,
    description: { input: childInput, error: "Declined", cause: `card ${CHILD_CARD} declined` },
    events: [
      { id: 1, previousEventId: 0, timestamp: start + 14, type: "ExecutionStarted", executionStartedEventDetails: { input: childInput, roleArn: "r" } },
      { id: 2, previousEventId: 1, timestamp: start + 15, type: "ExecutionFailed", executionFailedEventDetails: { error: "Declined", cause: `card ${CHILD_CARD} declined` } },
    ],
  });
  fake.mapRuns = [{ arn: MAP_RUN, executionArn: LEAKY, machine: MACHINE, startSeconds: start + 14, status: "FAILED" }];
  return fake;
}

/** Every secret that occurs in `text`. */
export function leakedSecrets(text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret));
}
