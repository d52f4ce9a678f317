/**
 * The demo account answers inside the process, and msw's stand-in socket connects only once the
 * answer is ready. A cold answer that takes longer than the connection timeout (a page planned
 * on a loaded machine) must arrive, not fail as a connection that timed out; an emulator keeps
 * its connection timeout.
 */
import { ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { createSfnClient } from "@/lib/sfn/client";
import { requestHandlerFor } from "@/lib/sfn/request-handler";
import { DEMO_ENDPOINT } from "@/mocks";

const server = setupServer(
  http.post(`${DEMO_ENDPOINT}/`, async () => {
    await new Promise((r) => setTimeout(r, 3_500));
    return HttpResponse.json({ stateMachines: [] }, { headers: { "content-type": "application/x-amz-json-1.0" } });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("the demo source's HTTP timeouts", () => {
  it("waits for an in-process answer slower than a connection timeout", async () => {
    const client = createSfnClient(parseConfig({ STEPSCOPE_SOURCE: "demo", STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }));
    await expect(client.send(new ListStateMachinesCommand({}))).resolves.toMatchObject({ stateMachines: [] });
  }, 20_000);

  it("keeps a connection timeout for emulators and AWS, and a request timeout for all", () => {
    expect(requestHandlerFor({ source: "emulator" }).connectionTimeout).toBeGreaterThan(0);
    expect(requestHandlerFor({ source: "aws" }).connectionTimeout).toBeGreaterThan(0);
    expect(requestHandlerFor({ source: "demo" }).requestTimeout).toBeGreaterThan(0);
  });
});
