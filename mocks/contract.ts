/**
 * What the demo account offers the rest of the project. The implementation lives beside this
 * file; the data layer (instrumentation, tests) only relies on these names.
 */

/**
 * The endpoint the SDK is pointed at in demo mode. `.invalid` can never resolve, so if msw is
 * ever not intercepting, requests fail loudly instead of reaching a real host.
 */
export const DEMO_ENDPOINT = "https://states.demo.stepscope.invalid";
/** The demo's simulated CloudWatch Logs and CloudWatch, intercepted the same way. */
export const DEMO_LOGS_ENDPOINT = "https://logs.demo.stepscope.invalid";
export const DEMO_METRICS_ENDPOINT = "https://monitoring.demo.stepscope.invalid";
export const DEMO_REGION = "us-east-1";
export const DEMO_ACCOUNT_ID = "123456789012";
/** Used when neither the options nor STEPSCOPE_DEMO_SEED say otherwise. */
export const DEFAULT_DEMO_SEED = 42;

/** An answer in the AWS JSON 1.0 protocol: status 200 with the output, or 400 with `__type`/`message`. */
export interface SfnResponse {
  status: number;
  body: unknown;
}

/**
 * A hook in front of the dispatcher, for fault-injection tests: return a response to answer
 * instead of the account (a throttle, a 500, a slow page…), or undefined to let it through.
 */
export type SfnIntercept = (target: string, body: unknown) => SfnResponse | undefined;

export interface DemoAccountOptions {
  /** STEPSCOPE_DEMO_SEED; the same seed (and the same clock) gives the same account. */
  seed?: number;
  /** Wall clock in epoch ms; the simulation advances to it lazily on each request. */
  clock?: () => number;
  /** Consulted before every dispatch; see SfnIntercept. */
  intercept?: SfnIntercept;
}

export interface DemoAccount {
  /** Handle one operation, e.g. target "AWSStepFunctions.ListExecutions". */
  dispatch(target: string, body: unknown): SfnResponse;
  /** The seed this account was built from. */
  readonly seed?: number;
  /**
   * Answers as `dispatch` does, but uncounted and past the intercept: what the account's own
   * services see (its EventBridge publishing status changes), which no client pays for.
   */
  peek?(target: string, body: unknown): SfnResponse;
  /** How many times each operation (e.g. "GetExecutionHistory") was dispatched, intercepted ones included. */
  callCounts?(): Record<string, number>;
  /** Forget the counts (between test cases). */
  resetCallCounts?(): void;
  /** Replace (or remove, with undefined) the intercept hook at run time. */
  setIntercept?(intercept: SfnIntercept | undefined): void;
}

/** What createDemoAccount returns: the account with its test hooks always present. */
export interface SimulatedDemoAccount extends DemoAccount {
  readonly seed: number;
  peek(target: string, body: unknown): SfnResponse;
  callCounts(): Record<string, number>;
  resetCallCounts(): void;
  setIntercept(intercept: SfnIntercept | undefined): void;
}
