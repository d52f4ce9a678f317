/**
 * What AWS services answer inside a Task, shaped like the real integrations' outputs, and
 * Lambda errors shaped like the runtime reports them (a JSON cause with a stack trace).
 */
import { DEMO_ACCOUNT_ID, DEMO_REGION, type DemoPlace } from "../contract";
import type { TaskBehaviour, TaskOutcome } from "../sim/behaviour";
import type { Json } from "../sim/jsonpath";
import type { Rng } from "../sim/random";

const MAIN: DemoPlace = { accountId: DEMO_ACCOUNT_ID, region: DEMO_REGION };

/** A function or topic of the machine's own account and Region (the main scope's by default). */
export const lambdaArn = (name: string, place: DemoPlace = MAIN) => `arn:aws:lambda:${place.region}:${place.accountId}:function:${name}`;
export const topicArn = (name: string, place: DemoPlace = MAIN) => `arn:aws:sns:${place.region}:${place.accountId}:${name}`;

function httpMetadata(rng: Rng, contentType = "application/x-amz-json-1.0"): { [key: string]: Json } {
  const requestId = rng.uuid();
  return {
    SdkHttpMetadata: {
      HttpHeaders: { "Content-Type": contentType, "x-amzn-RequestId": requestId },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}

/** lambda:invoke returns the function's answer under Payload, wrapped in the invoke response. */
export function lambdaReturns(rng: Rng, durationMs: number, payload: Json): TaskOutcome {
  return {
    kind: "succeed",
    durationMs,
    result: { ExecutedVersion: "$LATEST", Payload: payload, ...httpMetadata(rng, "application/json"), StatusCode: 200 },
  };
}

/** A Lambda function that threw: error is the exception's type, cause the runtime's JSON report. */
export function lambdaThrows(
  rng: Rng,
  durationMs: number,
  errorType: string,
  errorMessage: string,
  stackTrace: string[],
): TaskOutcome {
  const cause = JSON.stringify({ errorMessage, errorType, requestId: rng.uuid(), stackTrace });
  return { kind: "fail", durationMs, error: errorType, cause };
}

/** The Lambda service itself refused (throttled, unavailable): error names are `Lambda.*`. */
export function lambdaServiceError(durationMs: number, error: string, message: string, rng: Rng): TaskOutcome {
  const status = error === "Lambda.TooManyRequestsException" ? 429 : 500;
  return {
    kind: "fail",
    durationMs,
    error,
    cause: `${message} (Service: Lambda, Status Code: ${status}, Request ID: ${rng.uuid()})`,
  };
}

/** A node.js stack trace for `file` in the function's bundle. */
export function nodeStack(errorType: string, message: string, frames: string[]): string[] {
  return [`${errorType}: ${message}`, ...frames.map((f) => `    at ${f}`)];
}

export function serviceReturns(rng: Rng, durationMs: number, body: { [key: string]: Json }): TaskOutcome {
  return { kind: "succeed", durationMs, result: { ...body, ...httpMetadata(rng) } };
}

export function serviceFails(durationMs: number, error: string, cause: string): TaskOutcome {
  return { kind: "fail", durationMs, error, cause };
}

/** Any task a machine does not describe: the service answers quickly and well. */
export const answersNormally: TaskBehaviour = ({ resourceType, resource, rng }) => {
  if (resourceType === "lambda") return lambdaReturns(rng, rng.latency(180), { ok: true });
  if (resourceType === "sns") return serviceReturns(rng, rng.latency(60), { MessageId: rng.uuid() });
  if (resourceType === "dynamodb" && resource === "getItem") return serviceReturns(rng, rng.latency(12), { Item: {} });
  return serviceReturns(rng, rng.latency(25), {});
};
