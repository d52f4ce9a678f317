/**
 * What the demo account offers the rest of the project. The implementation lives beside this
 * file; the data layer (instrumentation, tests) only relies on these names.
 */

/**
 * The endpoint the SDK is pointed at in demo mode. `.invalid` can never resolve, so if msw is
 * ever not intercepting, requests fail loudly instead of reaching a real host.
 */
export const DEMO_ENDPOINT = "https://states.demo.stepscope.invalid";
export const DEMO_REGION = "us-east-1";
export const DEMO_ACCOUNT_ID = "123456789012";

/** An answer in the AWS JSON 1.0 protocol: status 200 with the output, or 400 with `__type`/`message`. */
export interface SfnResponse {
  status: number;
  body: unknown;
}

export interface DemoAccountOptions {
  /** STEPSCOPE_DEMO_SEED; the same seed (and the same clock) gives the same account. */
  seed?: number;
  /** Wall clock in epoch ms; the simulation advances to it lazily on each request. */
  clock?: () => number;
}

export interface DemoAccount {
  /** Handle one operation, e.g. target "AWSStepFunctions.ListExecutions". */
  dispatch(target: string, body: unknown): SfnResponse;
}
