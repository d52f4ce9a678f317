/**
 * A finished history is read from Step Functions once and served to every later viewer from one
 * shared, compressed copy — also when it is larger than the whole cache (it is then kept in a
 * private temporary file). Real SDK and route handler against the fake endpoint (msw).
 */
import { randomBytes } from "node:crypto";
import { gunzipSync } from "node:zlib";
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
  if (answer.kind === "json") return JSON.stringify(answer.value);
  const bytes = Buffer.from(await new Response(answer.body).arrayBuffer());
  return (answer.gzip ? gunzipSync(bytes) : bytes).toString("utf8");
}

describe("a finished history shared by its viewers", () => {
  it("is read from Step Functions once even when it is larger than the cache", async () => {
    const ctx = createSfnContext(parseConfig({ AWS_ENDPOINT_URL_SFN: FAKE_ENDPOINT, STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }), { maxCacheBytes: 64 * 1024 });
    const answer = await getHistoryAnswer(ctx, arn);
    // Even compressed it does not fit: it is served from the spilled file.
    expect(answer.kind === "stream" && answer.bytes! > 64 * 1024).toBe(true);
    const first = JSON.parse(await text(answer));
    expect(first.events).toHaveLength(3_000);
    expect(JSON.stringify(first).length).toBeGreaterThan(10 * 64 * 1024);
    const reads = fake.callsTo("GetExecutionHistory").length;
    for (let viewer = 0; viewer < 5; viewer++) {
      expect(JSON.parse(await text(await getHistoryAnswer(ctx, arn, undefined, viewer % 2 === 0)))).toEqual(first);
    }
    // A poll for what comes after the last event needs nothing from Step Functions either.
    expect(await getHistoryAnswer(ctx, arn, 3_000)).toEqual({ kind: "json", value: { events: [], finished: true, lastEventId: 3_000 } });
    expect(fake.callsTo("GetExecutionHistory")).toHaveLength(reads);
  });

  it("the route streams the same history gzipped to a browser and plain to a client without gzip", async () => {
    getSfnContext();
    const call = (headers: Record<string, string>) =>
      getHistory(new Request("http://127.0.0.1:3000/api/executions/x/history", { headers }), { params: Promise.resolve({ arn: encodeURIComponent(arn) }) });
    const zipped = await call({ "accept-encoding": "gzip, deflate, br" });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    const fromZip = JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString("utf8"));
    const plain = await call({});
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.json()).toEqual(fromZip);
    expect(fromZip.events).toHaveLength(3_000);
  });
});
