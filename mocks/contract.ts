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
/** The demo organisation's second account. */
export const DEMO_STAGING_ACCOUNT_ID = "222222222222";

/** Where an account's resources live: their ARNs carry both. */
export interface DemoPlace {
  accountId: string;
  region: string;
}

/**
 * One account in one Region of the demo organisation. Each has its own endpoints: the SDK
 * client of a scope is pointed at them, and msw (or one emulator port per scope) answers each
 * with that scope's account, as AWS answers each Region of each account apart.
 */
export interface DemoScope extends DemoPlace {
  /** `name:region`, the id a source's scope has: "prod:us-east-1". */
  id: string;
  /** The source (one account) it belongs to: "prod", "staging". */
  name: string;
  endpoint: string;
  logsEndpoint: string;
  metricsEndpoint: string;
}

/**
 * Where a demo scope's Step Functions answers: `https://states.<region>.<name>.demo.stepscope.invalid`.
 * Its CloudWatch Logs and CloudWatch answer there too (the dispatcher goes by X-Amz-Target), and
 * at `logs.` and `monitoring.` hosts of the same form.
 */
export function demoScopeEndpoint(name: string, region: string, service: "states" | "logs" | "monitoring" = "states"): string {
  return `https://${service}.${region}.${name}.demo.stepscope.invalid`;
}

function scope(name: string, accountId: string, region: string): DemoScope {
  return {
    id: `${name}:${region}`,
    name,
    accountId,
    region,
    endpoint: demoScopeEndpoint(name, region),
    logsEndpoint: demoScopeEndpoint(name, region, "logs"),
    metricsEndpoint: demoScopeEndpoint(name, region, "monitoring"),
  };
}

/**
 * The demo organisation: prod (the main scope, with every demo feature, and a smaller
 * eu-west-1) and staging (a struggling us-east-1, and an eu-west-1 whose every call is denied).
 * The main scope comes first; it also answers at DEMO_ENDPOINT and its kin, the single-account
 * demo's endpoints.
 */
export const DEMO_SCOPES: readonly DemoScope[] = [
  scope("prod", DEMO_ACCOUNT_ID, DEMO_REGION),
  scope("prod", DEMO_ACCOUNT_ID, "eu-west-1"),
  scope("staging", DEMO_STAGING_ACCOUNT_ID, "us-east-1"),
  scope("staging", DEMO_STAGING_ACCOUNT_ID, "eu-west-1"),
];
export const MAIN_DEMO_SCOPE: DemoScope = DEMO_SCOPES[0];

/** The scope with this id ("staging:us-east-1"), or undefined. */
export function demoScope(id: string): DemoScope | undefined {
  return DEMO_SCOPES.find((s) => s.id === id);
}
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
  /**
   * Which scope, `name:region`: one of DEMO_SCOPES gets that scope's account, Region and machines;
   * any other (a demo source configured by hand) gets the main scope's machines in its own
   * account (`accountId`, else the main one) and Region. The main scope when absent.
   */
  scope?: string;
  /** The account of a scope that is not one of DEMO_SCOPES. */
  accountId?: string;
  /** Wall clock in epoch ms; the simulation advances to it lazily on each request. */
  clock?: () => number;
  /** Consulted before every dispatch; see SfnIntercept. */
  intercept?: SfnIntercept;
}

export interface DemoAccount {
  /** Handle one operation, e.g. target "AWSStepFunctions.ListExecutions". */
  dispatch(target: string, body: unknown): SfnResponse;
  /**
   * Does ahead, in slices that give the event loop back, the long work `dispatch` would do at once
   * for this request (planning a cold page of executions), so the simulator never stalls the
   * process it runs in. Optional: the transports await it when present, then dispatch.
   */
  prepare?(target: string, body: unknown): Promise<void>;
  /** The seed this account was built from. */
  readonly seed?: number;
  /** The account and Region it simulates. */
  readonly scope?: DemoScope;
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
  readonly scope: DemoScope;
  peek(target: string, body: unknown): SfnResponse;
  prepare(target: string, body: unknown): Promise<void>;
  callCounts(): Record<string, number>;
  resetCallCounts(): void;
  setIntercept(intercept: SfnIntercept | undefined): void;
}
