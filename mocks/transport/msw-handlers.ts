/** The demo account as msw handlers: the SDK's requests to the demo endpoint never leave the process. */
import { http, HttpResponse } from "msw";
import { DEMO_ENDPOINT, DEMO_LOGS_ENDPOINT, DEMO_METRICS_ENDPOINT, type DemoAccount, type SfnIntercept } from "../contract";
import { answerRequest } from "./answer";

export interface DemoHandlerOptions {
  /** Answer some calls differently (throttling, outages…) without touching the account. */
  intercept?: SfnIntercept;
}

export function createDemoHandlers(account: DemoAccount, endpoint: string = DEMO_ENDPOINT, options: DemoHandlerOptions = {}) {
  const target = options.intercept ? withIntercept(account, options.intercept) : account;
  const url = endpoint.replace(/\/+$/, "");
  const handle = async ({ request }: { request: Request }) => {
    const answer = answerRequest(target, request.headers.get("x-amz-target"), await request.text());
    return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers });
  };
  // The SDK posts to the endpoint's root path; accept the bare origin too. The account's
  // CloudWatch Logs and CloudWatch answer at their own endpoints through the same dispatcher.
  const handlers = [http.post(`${url}/`, handle), http.post(url, handle)];
  if (endpoint === DEMO_ENDPOINT) {
    for (const other of [DEMO_LOGS_ENDPOINT, DEMO_METRICS_ENDPOINT]) handlers.push(http.post(`${other}/`, handle), http.post(other, handle));
  }
  return handlers;
}

function withIntercept(account: DemoAccount, intercept: SfnIntercept): DemoAccount {
  return { ...account, dispatch: (t, body) => intercept(t, body) ?? account.dispatch(t, body) };
}
