/**
 * Executions for the map-run and variables views, put into a FakeSfn: a parent whose
 * distributed Map ran 20 child executions (5 failed, over its 10% tolerance) and was redriven,
 * and a JSONata machine with Variables whose last state fails to evaluate an expression. The
 * event shapes follow recorded AWS histories (MapRun*, assignedVariables, EvaluationFailed).
 */
import { arnOf, type FakeExecution, type FakeSfn } from "./fake-sfn";

export const PARENT_MACHINE = "ingest";
export const PARENT_NAME = "nightly-0412";
export const MAP_LABEL = "ProcessFiles";
export const MAP_RUN_ID = "5c1e2f7a";
export const CHILD_MACHINE = `${PARENT_MACHINE}/${MAP_LABEL}`;
export const JSONATA_MACHINE = "pricing";
export const JSONATA_NAME = "cart-981";

export const PARENT_DEFINITION = JSON.stringify({
  StartAt: "Prepare",
  States: {
    Prepare: { Type: "Pass", Next: "ProcessFiles" },
    ProcessFiles: {
      Type: "Map",
      Label: MAP_LABEL,
      ToleratedFailurePercentage: 10,
      ItemReader: { Resource: "arn:aws:states:::s3:listObjectsV2", Parameters: { Bucket: "incoming" } },
      ItemProcessor: {
        ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
        StartAt: "Fetch",
        States: {
          Fetch: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "fetch" }, Next: "Transform" },
          Transform: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "transform" }, End: true },
        },
      },
      Next: "Report",
    },
    Report: { Type: "Pass", End: true },
  },
});

const CHILD_DEFINITION = JSON.stringify({
  StartAt: "Fetch",
  States: {
    Fetch: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "fetch" }, Next: "Transform" },
    Transform: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "transform" }, End: true },
  },
});

export const JSONATA_DEFINITION = JSON.stringify({
  QueryLanguage: "JSONata",
  StartAt: "LoadCart",
  States: {
    LoadCart: { Type: "Pass", Assign: { cartId: "{% $states.input.cartId %}", currency: "EUR" }, Next: "PriceItems" },
    PriceItems: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Arguments: { FunctionName: "price", Payload: { cart: "{% $cartId %}", currency: "{% $currency %}" } },
      Output: "{% $states.result.Payload %}",
      Assign: { total: "{% $states.result.Payload.total %}" },
      Next: "Charge",
    },
    Charge: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Arguments: { FunctionName: "charge", Payload: { amount: "{% $totl %}" } },
      End: true,
    },
  },
});

type Events = FakeExecution["events"];

export const mapRunArn = () => arnOf.mapRun(PARENT_MACHINE, MAP_LABEL, MAP_RUN_ID);
export const parentArn = () => arnOf.execution(PARENT_MACHINE, PARENT_NAME);
export const jsonataArn = () => arnOf.execution(JSONATA_MACHINE, JSONATA_NAME);

/** The children: index → how it ended. 15 succeed; 3 fail in Transform, 2 in Fetch. */
export function childOutcome(index: number): "ok" | "transform" | "fetch" {
  if (index === 3 || index === 8 || index === 13) return "transform";
  if (index === 5 || index === 17) return "fetch";
  return "ok";
}

function childEvents(index: number, start: number): Events {
  const outcome = childOutcome(index);
  const t = (s: number) => start + s;
  const events: Events = [
    { id: 1, previousEventId: 0, timestamp: t(0), type: "ExecutionStarted", executionStartedEventDetails: { input: JSON.stringify({ Key: `file-${index}.csv` }), inputDetails: { truncated: false } } },
    { id: 2, previousEventId: 1, timestamp: t(0.1), type: "TaskStateEntered", stateEnteredEventDetails: { name: "Fetch", input: "{}", inputDetails: { truncated: false } } },
    { id: 3, previousEventId: 2, timestamp: t(0.2), type: "TaskScheduled", taskScheduledEventDetails: { resource: "invoke", resourceType: "lambda", region: "us-east-1", parameters: '{"FunctionName":"fetch"}' } },
    { id: 4, previousEventId: 3, timestamp: t(0.3), type: "TaskStarted", taskStartedEventDetails: { resource: "invoke", resourceType: "lambda" } },
  ];
  if (outcome === "fetch") {
    events.push(
      { id: 5, previousEventId: 4, timestamp: t(2 + index / 10), type: "TaskFailed", taskFailedEventDetails: { resource: "invoke", resourceType: "lambda", error: "Lambda.ServiceException", cause: "Rate exceeded" } },
      { id: 6, previousEventId: 5, timestamp: t(2.1 + index / 10), type: "ExecutionFailed", executionFailedEventDetails: { error: "Lambda.ServiceException", cause: "Rate exceeded" } },
    );
    return events;
  }
  events.push(
    { id: 5, previousEventId: 4, timestamp: t(1), type: "TaskSucceeded", taskSucceededEventDetails: { resource: "invoke", resourceType: "lambda", output: "{}" } },
    { id: 6, previousEventId: 5, timestamp: t(1.1), type: "TaskStateExited", stateExitedEventDetails: { name: "Fetch", output: "{}", outputDetails: { truncated: false } } },
    { id: 7, previousEventId: 6, timestamp: t(1.2), type: "TaskStateEntered", stateEnteredEventDetails: { name: "Transform", input: "{}", inputDetails: { truncated: false } } },
    { id: 8, previousEventId: 7, timestamp: t(1.3), type: "TaskScheduled", taskScheduledEventDetails: { resource: "invoke", resourceType: "lambda", region: "us-east-1", parameters: '{"FunctionName":"transform"}' } },
    { id: 9, previousEventId: 8, timestamp: t(1.4), type: "TaskStarted", taskStartedEventDetails: { resource: "invoke", resourceType: "lambda" } },
  );
  if (outcome === "transform") {
    const cause = JSON.stringify({ errorMessage: `Row ${index * 7} of file-${index}.csv is malformed`, errorType: "TransformError", requestId: `req-${index}aa-${index}bb` });
    events.push(
      { id: 10, previousEventId: 9, timestamp: t(3), type: "TaskFailed", taskFailedEventDetails: { resource: "invoke", resourceType: "lambda", error: "TransformError", cause } },
      { id: 11, previousEventId: 10, timestamp: t(3.1), type: "ExecutionFailed", executionFailedEventDetails: { error: "TransformError", cause } },
    );
    return events;
  }
  events.push(
    { id: 10, previousEventId: 9, timestamp: t(2 + index / 20), type: "TaskSucceeded", taskSucceededEventDetails: { resource: "invoke", resourceType: "lambda", output: "{}" } },
    { id: 11, previousEventId: 10, timestamp: t(2.1 + index / 20), type: "TaskStateExited", stateExitedEventDetails: { name: "Transform", output: "{}", outputDetails: { truncated: false } } },
    { id: 12, previousEventId: 11, timestamp: t(2.2 + index / 20), type: "ExecutionSucceeded", executionSucceededEventDetails: { output: "{}", outputDetails: { truncated: false } } },
  );
  return events;
}

function parentEvents(start: number, redriven: boolean): Events {
  const arn = mapRunArn();
  const t = (s: number) => start + s;
  const events: Events = [
    { id: 1, previousEventId: 0, timestamp: t(0), type: "ExecutionStarted", executionStartedEventDetails: { input: "{}", inputDetails: { truncated: false } } },
    { id: 2, previousEventId: 1, timestamp: t(0.5), type: "PassStateEntered", stateEnteredEventDetails: { name: "Prepare", input: "{}", inputDetails: { truncated: false } } },
    { id: 3, previousEventId: 2, timestamp: t(0.6), type: "PassStateExited", stateExitedEventDetails: { name: "Prepare", output: "{}", outputDetails: { truncated: false } } },
    { id: 4, previousEventId: 3, timestamp: t(1), type: "MapStateEntered", stateEnteredEventDetails: { name: "ProcessFiles", input: "{}", inputDetails: { truncated: false } } },
    { id: 5, previousEventId: 4, timestamp: t(1.1), type: "MapStateStarted", mapStateStartedEventDetails: { length: 0 } },
    { id: 6, previousEventId: 5, timestamp: t(1.2), type: "MapRunStarted", mapRunStartedEventDetails: { mapRunArn: arn } },
    { id: 7, previousEventId: 6, timestamp: t(12), type: "MapRunFailed", mapRunFailedEventDetails: { error: "States.ExceedToleratedFailureThreshold", cause: "The specified tolerated failure threshold was exceeded" } },
    { id: 8, previousEventId: 7, timestamp: t(12.1), type: "MapStateFailed", mapStateFailedEventDetails: { error: "States.ExceedToleratedFailureThreshold", cause: "The specified tolerated failure threshold was exceeded" } },
    { id: 9, previousEventId: 8, timestamp: t(12.2), type: "ExecutionFailed", executionFailedEventDetails: { error: "States.ExceedToleratedFailureThreshold", cause: "The specified tolerated failure threshold was exceeded" } },
  ];
  if (!redriven) return events;
  events.push(
    { id: 10, previousEventId: 9, timestamp: t(60), type: "ExecutionRedriven", executionRedrivenEventDetails: { redriveCount: 1 } },
    { id: 11, previousEventId: 10, timestamp: t(60.1), type: "MapRunRedriven", mapRunRedrivenEventDetails: { mapRunArn: arn, redriveCount: 1 } },
    { id: 12, previousEventId: 11, timestamp: t(70), type: "MapRunFailed", mapRunFailedEventDetails: { error: "States.ExceedToleratedFailureThreshold", cause: "The specified tolerated failure threshold was exceeded" } },
    { id: 13, previousEventId: 12, timestamp: t(70.1), type: "MapStateFailed", mapStateFailedEventDetails: { error: "States.ExceedToleratedFailureThreshold" } },
    { id: 14, previousEventId: 13, timestamp: t(70.2), type: "ExecutionFailed", executionFailedEventDetails: { error: "States.ExceedToleratedFailureThreshold", cause: "The specified tolerated failure threshold was exceeded" } },
  );
  return events;
}

function jsonataEvents(start: number): Events {
  const t = (s: number) => start + s;
  return [
    { id: 1, previousEventId: 0, timestamp: t(0), type: "ExecutionStarted", executionStartedEventDetails: { input: '{"cartId":"c-981"}', inputDetails: { truncated: false } } },
    { id: 2, previousEventId: 1, timestamp: t(0.1), type: "PassStateEntered", stateEnteredEventDetails: { name: "LoadCart", input: '{"cartId":"c-981"}', inputDetails: { truncated: false } } },
    { id: 3, previousEventId: 2, timestamp: t(0.2), type: "PassStateExited", stateExitedEventDetails: { name: "LoadCart", output: '{"cartId":"c-981"}', outputDetails: { truncated: false }, assignedVariables: { cartId: '"c-981"', currency: '"EUR"' }, assignedVariablesDetails: { truncated: false } } },
    { id: 4, previousEventId: 3, timestamp: t(0.3), type: "TaskStateEntered", stateEnteredEventDetails: { name: "PriceItems", input: '{"cartId":"c-981"}', inputDetails: { truncated: false } } },
    { id: 5, previousEventId: 4, timestamp: t(0.4), type: "TaskScheduled", taskScheduledEventDetails: { resource: "invoke", resourceType: "lambda", region: "us-east-1", parameters: '{"FunctionName":"price","Payload":{"cart":"c-981","currency":"EUR"}}' } },
    { id: 6, previousEventId: 5, timestamp: t(0.5), type: "TaskStarted", taskStartedEventDetails: { resource: "invoke", resourceType: "lambda" } },
    { id: 7, previousEventId: 6, timestamp: t(1.5), type: "TaskSucceeded", taskSucceededEventDetails: { resource: "invoke", resourceType: "lambda", output: '{"Payload":{"total":41.5,"lines":3}}' } },
    { id: 8, previousEventId: 7, timestamp: t(1.6), type: "TaskStateExited", stateExitedEventDetails: { name: "PriceItems", output: '{"total":41.5,"lines":3}', outputDetails: { truncated: false }, assignedVariables: { total: "41.5" }, assignedVariablesDetails: { truncated: true } } },
    { id: 9, previousEventId: 8, timestamp: t(1.7), type: "TaskStateEntered", stateEnteredEventDetails: { name: "Charge", input: '{"total":41.5,"lines":3}', inputDetails: { truncated: false } } },
    { id: 10, previousEventId: 9, timestamp: t(1.8), type: "EvaluationFailed", evaluationFailedEventDetails: { state: "Charge", location: "Arguments/Payload/amount", error: "States.QueryEvaluationError", cause: "An error occurred while executing the state 'Charge' (entered at the event id #9). The JSONata expression '$totl' specified for the field 'Arguments/Payload/amount' returned nothing (undefined)." } },
    { id: 11, previousEventId: 10, timestamp: t(1.9), type: "ExecutionFailed", executionFailedEventDetails: { error: "States.QueryEvaluationError", cause: "An error occurred while executing the state 'Charge' (entered at the event id #9). The JSONata expression '$totl' specified for the field 'Arguments/Payload/amount' returned nothing (undefined)." } },
  ];
}

export const CHILD_COUNT = 20;

/** Puts both machines and their executions into `fake`; the parent started at `startSeconds`. */
export function addMapRunWorld(fake: FakeSfn, startSeconds: number, options: { redriven?: boolean } = {}): void {
  const redriven = options.redriven ?? true;
  fake.machines.push(
    { name: PARENT_MACHINE, type: "STANDARD", createdSeconds: startSeconds - 86_400, definition: PARENT_DEFINITION },
    { name: CHILD_MACHINE, type: "STANDARD", createdSeconds: startSeconds - 86_400, definition: CHILD_DEFINITION },
    { name: JSONATA_MACHINE, type: "STANDARD", createdSeconds: startSeconds - 86_400, definition: JSONATA_DEFINITION },
  );
  const parent = parentEvents(startSeconds, redriven);
  fake.addExecution({ machine: JSONATA_MACHINE, name: JSONATA_NAME, status: "FAILED", startSeconds: startSeconds + 5, stopSeconds: startSeconds + 7, events: jsonataEvents(startSeconds + 5) });
  for (let i = 0; i < CHILD_COUNT; i++) {
    const start = startSeconds + 1.5 + i * 0.2;
    const events = childEvents(i, start);
    const last = events[events.length - 1];
    fake.addExecution({
      machine: CHILD_MACHINE,
      name: `child-${String(i).padStart(2, "0")}`,
      status: last.type === "ExecutionSucceeded" ? "SUCCEEDED" : "FAILED",
      startSeconds: start,
      stopSeconds: last.timestamp,
      mapRunArn: mapRunArn(),
      redriveCount: redriven && childOutcome(i) !== "ok" ? 1 : undefined,
      events,
    });
  }
  fake.addExecution({ machine: PARENT_MACHINE, name: PARENT_NAME, status: "FAILED", startSeconds, stopSeconds: parent[parent.length - 1].timestamp, events: parent });
  const items = { pending: 0, running: 0, succeeded: 15, failed: 5, timedOut: 0, aborted: 0, total: CHILD_COUNT, resultsWritten: 15 };
  fake.mapRuns.push({
    arn: mapRunArn(),
    executionArn: parentArn(),
    machine: PARENT_MACHINE,
    startSeconds: startSeconds + 1.2,
    status: "FAILED",
    describe: {
      stopDate: startSeconds + (redriven ? 70 : 12),
      maxConcurrency: 40,
      toleratedFailurePercentage: 10,
      toleratedFailureCount: 0,
      itemCounts: items,
      executionCounts: items,
      redriveCount: redriven ? 1 : 0,
    },
  });
}
