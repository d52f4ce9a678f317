/** The demo account as msw handlers: the SDK's requests to the demo endpoint never leave the process. */
import { http, HttpResponse } from "msw";
import { MAIN_DEMO_SCOPE, type DemoAccount, type SfnIntercept } from "../contract";
import type { DemoOrganisation } from "../account/create-demo-organisation";
import { answerRequest } from "./answer";

export interface DemoHandlerOptions {
  /** Answer some calls differently (throttling, outages…) without touching the account. */
  intercept?: SfnIntercept;
}

/**
 * Handlers for one account at `endpoint` (its scope's Step Functions endpoint by default). At its
 * own scope's endpoint, the account's CloudWatch Logs and CloudWatch answer at theirs too.
 */
export function createDemoHandlers(account: DemoAccount, endpoint?: string, options: DemoHandlerOptions = {}) {
  const scope = account.scope ?? MAIN_DEMO_SCOPE;
  const target = options.intercept ? withIntercept(account, options.intercept) : account;
  const url = (endpoint ?? scope.endpoint).replace(/\/+$/, "");
  const handle = async ({ request }: { request: Request }) => {
    const answer = answerRequest(target, request.headers.get("x-amz-target"), await request.text());
    return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers });
  };
  // The SDK posts to the endpoint's root path; accept the bare origin too. The account's
  // CloudWatch Logs and CloudWatch answer at their own endpoints through the same dispatcher.
  const handlers = [http.post(`${url}/`, handle), http.post(url, handle)];
  if (url === scope.endpoint) {
    for (const other of [scope.logsEndpoint, scope.metricsEndpoint]) handlers.push(http.post(`${other}/`, handle), http.post(other, handle));
  }
  return handlers;
}

/** Every scope of the organisation at its own endpoints: a client is told apart by where it sends. */
export function createDemoOrganisationHandlers(organisation: DemoOrganisation, options: DemoHandlerOptions = {}) {
  return organisation.accounts.flatMap((account) => createDemoHandlers(account, undefined, options));
}

function withIntercept(account: DemoAccount, intercept: SfnIntercept): DemoAccount {
  return { ...account, dispatch: (t, body) => intercept(t, body) ?? account.dispatch(t, body) };
}
