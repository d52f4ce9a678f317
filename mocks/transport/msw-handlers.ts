/** The demo account as msw handlers: the SDK's requests to the demo endpoint never leave the process. */
import { http, HttpResponse } from "msw";
import { DEMO_ENDPOINT, DEMO_LOGS_ENDPOINT, DEMO_METRICS_ENDPOINT, MAIN_DEMO_SCOPE, type DemoAccount, type SfnIntercept } from "../contract";
import type { DemoOrganisation } from "../account/create-demo-organisation";
import { answerRequest } from "./answer";
import { networkHop } from "./network-hop";

export interface DemoHandlerOptions {
  /** Answer some calls differently (throttling, outages…) without touching the account. */
  intercept?: SfnIntercept;
}

/**
 * Handlers for one account at `endpoint` (its scope's Step Functions endpoint by default). At its
 * own scope's endpoint, the account's CloudWatch Logs and CloudWatch answer at theirs too, and
 * the main scope also at the single-account demo's endpoints (DEMO_ENDPOINT and its kin).
 */
export function createDemoHandlers(account: DemoAccount, endpoint?: string, options: DemoHandlerOptions = {}) {
  const scope = account.scope ?? MAIN_DEMO_SCOPE;
  const target = options.intercept ? withIntercept(account, options.intercept) : account;
  const url = (endpoint ?? scope.endpoint).replace(/\/+$/, "");
  const handle = async ({ request }: { request: Request }) => {
    await networkHop();
    const answer = await answerRequest(target, request.headers.get("x-amz-target"), await request.text());
    return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers });
  };
  // The SDK posts to the endpoint's root path; accept the bare origin too. The account's
  // CloudWatch Logs and CloudWatch answer at their own endpoints through the same dispatcher.
  const urls = [url];
  if (url === scope.endpoint || url === DEMO_ENDPOINT) {
    urls.push(scope.logsEndpoint, scope.metricsEndpoint);
    if (scope.id === MAIN_DEMO_SCOPE.id) urls.push(DEMO_ENDPOINT, DEMO_LOGS_ENDPOINT, DEMO_METRICS_ENDPOINT);
  }
  return [...new Set(urls)].flatMap((u) => [http.post(`${u}/`, handle), http.post(u, handle)]);
}

/** Every scope of the organisation at its own endpoints: a client is told apart by where it sends. */
export function createDemoOrganisationHandlers(organisation: DemoOrganisation, options: DemoHandlerOptions = {}) {
  return organisation.accounts.flatMap((account) => createDemoHandlers(account, undefined, options));
}

function withIntercept(account: DemoAccount, intercept: SfnIntercept): DemoAccount {
  return { ...account, dispatch: (t, body) => intercept(t, body) ?? account.dispatch(t, body) };
}
