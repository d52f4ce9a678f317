/**
 * A finished history is read from Step Functions once and served to every later viewer from one
 * shared, compressed copy — also when it is larger than the whole cache (it is then kept in a
 * private temporary file). Real SDK and route handler against the fake endpoint (msw).
 */
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getHistory } from "@/app/api/executions/[arn]/history/route";
import { parseConfig } from "@/lib/config/env";
import { createSfnContext, getHistoryAnswer, getSfnContext } from "@/lib/sfn";
import { FAKE_ENDPOINT, FakeSfn, makeEvents } from "../support/fake-sfn";
import { useFakeSfnServer } from "../support/route-harness";

const server = useFakeSfnServer();
let fake: FakeSfn;
let arn: string;

beforeEach(() => {
  fake = new FakeSfn();
  fake.machines = [{ name: "m", type: "STANDARD", createdSeconds: 0, definition: "{}" }];
  const events = makeEvents(3_000, 1_700_000_000, true);
  for (const e of events) if (e.stateEnteredEventDetails) (e.stateEnteredEventDetails as { input: string }).input = JSON.stringify({ pad: randomBytes(100).toString("hex") });
  arn = fake.arnOf(fake.addExecution({ machine: "m", name: "big", status: "SUCCEEDED", startSeconds: 1_700_000_000, stopSeconds: 1_700_000_400, events }));
  server.use(...fake.handlers());
});

async function text(answer: Awaited<ReturnType<typeof getHistoryAnswer>>): Promise<string> {
  return answer.kind === "json" ? JSON.stringify(answer.value) : new Response(answer.body).text();
}

describe("a finished history shared by its viewers", () => {
  it("is read from Step Functions once even when it is larger than the cache", async () => {
    const ctx = createSfnContext(parseConfig({ AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { maxCacheBytes: 64 * 1024 });
    const answer = await getHistoryAnswer(ctx, arn);
    // Even compressed it does not fit: it is served from the spilled file.
    expect(answer.kind === "stream" && answer.keptBytes > 64 * 1024).toBe(true);
    const first = JSON.parse(await text(answer));
    expect(first.events).toHaveLength(3_000);
    expect(JSON.stringify(first).length).toBeGreaterThan(10 * 64 * 1024);
    const reads = fake.callsTo("GetExecutionHistory").length;
    for (let viewer = 0; viewer < 5; viewer++) {
      expect(JSON.parse(await text(await getHistoryAnswer(ctx, arn)))).toEqual(first);
    }
    // A poll for what comes after the last event needs nothing from Step Functions either.
    expect(await getHistoryAnswer(ctx, arn, 3_000)).toEqual({ kind: "json", value: { events: [], finished: true, lastEventId: 3_000 } });
    expect(fake.callsTo("GetExecutionHistory")).toHaveLength(reads);
  });

  it("the route streams it marked no-transform, so the server does not compress every viewer's copy again", async () => {
    getSfnContext();
    const response = await getHistory(new Request("http://127.0.0.1:3000/api/executions/x/history"), { params: Promise.resolve({ arn: encodeURIComponent(arn) }) });
    expect(response.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect((await response.json()).events).toHaveLength(3_000);
  });
});
