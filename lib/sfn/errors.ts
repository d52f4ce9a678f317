/**
 * SDK errors → typed errors a person can act on. Raw SDK messages are never passed on: they
 * can carry principal ARNs or request ids, so only the AWS error name travels.
 */
import type { ApiErrorCode } from "@/lib/contract/api";
import { errorBrand } from "@/lib/contract/error-brand";
import { visibleName } from "@/lib/security/visible-text";

/** An endpoint may answer any __type; only this much of an unknown one is repeated. */
const MAX_UPSTREAM_NAME = 100;

const SFN_ERROR = errorBrand("SfnError");

export class SfnError extends Error {
  /** True for an SfnError thrown by any bundle's copy of this class (see error-brand). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return SFN_ERROR.has(value);
  }

  readonly code: ApiErrorCode;
  readonly httpStatus: number;
  readonly retryAfterSeconds?: number;

  constructor(code: ApiErrorCode, message: string, options: { httpStatus?: number; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "SfnError";
    SFN_ERROR.mark(this);
    this.code = code;
    this.httpStatus = options.httpStatus ?? HTTP_STATUS[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  ACCESS_DENIED: 403,
  UNAUTHORIZED: 401,
  THROTTLED: 503,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
  UNSUPPORTED: 422,
  UPSTREAM: 502,
  INTERNAL: 500,
  METHOD_NOT_ALLOWED: 405,
};

export interface ErrorContext {
  /** The Step Functions operation, e.g. "ListExecutions". */
  operation: string;
  /** What the endpoint is called in messages: a URL, "the demo account", "AWS us-east-1". */
  endpointLabel: string;
}

const THROTTLE_RETRY_AFTER_SECONDS = 2;

const NOT_FOUND = new Set([
  "ExecutionDoesNotExist",
  "StateMachineDoesNotExist",
  "ResourceNotFound",
  "ResourceNotFoundException",
  "ActivityDoesNotExist",
  "StateMachineAliasDoesNotExist",
]);
const BAD_REQUEST = new Set(["InvalidArn", "InvalidName", "ValidationException", "InvalidToken", "InvalidParameterValue"]);
const THROTTLED = new Set(["ThrottlingException", "TooManyRequestsException", "Throttling", "RequestLimitExceeded"]);
const ACCESS_DENIED = new Set(["AccessDeniedException", "AccessDenied", "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException"]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "ECONNABORTED"]);
const TIMEOUT_NAMES = new Set(["TimeoutError", "AbortError", "RequestTimeout", "RequestTimeoutException"]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number };
}

function asErrorLike(value: unknown): ErrorLike {
  return typeof value === "object" && value !== null ? (value as ErrorLike) : {};
}

function networkCode(err: ErrorLike): string | undefined {
  for (let e: ErrorLike | undefined = err, depth = 0; e && depth < 4; e = asErrorLike(e.cause), depth++) {
    if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return e.code;
    if (typeof e.code === "string" && e.code === "ETIMEDOUT") return e.code;
  }
  return undefined;
}

/** Which permission a denied call needed: from AWS's message when it names one, else the operation. */
function deniedAction(err: ErrorLike, operation: string): string {
  const message = typeof err.message === "string" ? err.message : "";
  const named = /perform:\s*(states:[A-Za-z]+)/.exec(message);
  return named ? named[1] : `states:${operation}`;
}

export function toSfnError(error: unknown, context: ErrorContext): SfnError {
  if (error instanceof SfnError) return error;
  const err = asErrorLike(error);
  const name = typeof err.name === "string" ? err.name.replace(/^.*#/, "") : "";
  const { operation, endpointLabel } = context;

  const code = networkCode(err);
  if (code === "ETIMEDOUT") {
    return new SfnError("TIMEOUT", `Step Functions at ${endpointLabel} did not answer ${operation} in time. Try again shortly.`);
  }
  if (code) {
    const what = code === "ENOTFOUND" || code === "EAI_AGAIN" ? "its host name does not resolve" : `the connection failed (${code})`;
    return new SfnError(
      "UNAVAILABLE",
      `Cannot reach the Step Functions endpoint ${endpointLabel}: ${what}. Check that it is running and that the URL is right.`,
    );
  }
  if (TIMEOUT_NAMES.has(name)) {
    return new SfnError("TIMEOUT", `Step Functions at ${endpointLabel} did not answer ${operation} in time. Try again shortly.`);
  }
  if (NOT_FOUND.has(name)) {
    const what = name === "StateMachineDoesNotExist" ? "state machine" : name === "ExecutionDoesNotExist" ? "execution" : "resource";
    return new SfnError("NOT_FOUND", `No such ${what} in this account and region (${name}).`);
  }
  if (name === "InvalidToken") {
    return new SfnError("BAD_REQUEST", "This page cursor has expired or belongs to another query; start from the first page.");
  }
  if (BAD_REQUEST.has(name)) {
    return new SfnError("BAD_REQUEST", `Step Functions rejected the request to ${operation} as invalid (${name}).`);
  }
  if (THROTTLED.has(name)) {
    return new SfnError(
      "THROTTLED",
      `Step Functions is throttling ${operation} for this account (${name}); data will refresh when the quota recovers.`,
      { retryAfterSeconds: THROTTLE_RETRY_AFTER_SECONDS },
    );
  }
  if (ACCESS_DENIED.has(name)) {
    const because =
      name === "AccessDeniedException" || name === "AccessDenied"
        ? `the credentials in use lack the permission ${deniedAction(err, operation)}`
        : `the credentials were not accepted (${name})`;
    return new SfnError("ACCESS_DENIED", `Access denied to ${operation}: ${because}.`);
  }
  if (name === "CredentialsProviderError") {
    // A profile that does not exist, an SSO session that expired, a role that cannot be assumed.
    const why = typeof err.message === "string" && err.message ? err.message.replace(/\.+$/, "") : "no credentials";
    return new SfnError("ACCESS_DENIED", `No credentials for ${endpointLabel}: ${visibleName(why, 300)}.`);
  }
  if (name === "StateMachineTypeNotSupported") {
    return new SfnError(
      "UNSUPPORTED",
      "Express executions have no history API; use CloudWatch Logs for Express state machines.",
    );
  }
  const message = typeof err.message === "string" ? err.message : "";
  // Node's fetch-style "TypeError: Network error" / "fetch failed": the connection never completed.
  if (name === "TypeError" && /network|fetch failed|socket|connect/i.test(message)) {
    return new SfnError(
      "UNAVAILABLE",
      `Cannot reach the Step Functions endpoint ${endpointLabel}: the connection failed. Check that it is running and that the URL is right.`,
    );
  }
  const status = err.$metadata?.httpStatusCode;
  // The SDK could not parse the answer: HTML from a proxy, a truncated body, not JSON at all.
  if (name === "SyntaxError" || /Deserialization error/i.test(message)) {
    return new SfnError(
      "UPSTREAM",
      `Step Functions at ${endpointLabel} answered ${operation} with something that is not a Step Functions response${status ? ` (HTTP ${status})` : ""}: a proxy or an incompatible endpoint may be in between.`,
    );
  }
  if (err.$fault === "server" || (status !== undefined && status >= 500)) {
    return new SfnError(
      "UPSTREAM",
      `Step Functions at ${endpointLabel} failed to answer ${operation}${status ? ` (HTTP ${status})` : ""}; it is retried on the next refresh.`,
    );
  }
  const label = name && name !== "Error" && name !== "Unknown" ? visibleName(name, MAX_UPSTREAM_NAME) : "an unexpected error";
  return new SfnError(
    "UPSTREAM",
    `Step Functions at ${endpointLabel} answered ${operation} with ${label}${status ? ` (HTTP ${status})` : ""}.`,
  );
}
