/**
 * Three sources at once, through the route handlers over the real SDK: two demo endpoints
 * (different seeds, the same account and Region, so `?source=` tells them apart) and moto in
 * another account and Region. Each endpoint sits behind a counting proxy, so a test can say
 * which client an ARN was sent to; one is stopped mid-run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getExecution } from "@/app/api/executions/[arn]/route";
import { GET as getHistory } from "@/app/api/executions/[arn]/history/route";
import { GET as getFleet } from "@/app/api/fleet/route";
import { GET as getFind } from "@/app/api/find/route";
import { GET as getSources } from "@/app/api/sources/route";
import { GET as getMachineExecutions } from "@/app/api/state-machines/[arn]/executions/route";
import { GET as getStateMachines } from "@/app/api/state-machines/route";
import type { FindResponse, ExecutionResponse, ExecutionsResponse, FleetResponse, SourcesResponse, StateMachinesResponse } from "@/lib/contract/api";
import { startEmulatorServer, type EmulatorServer } from "@/mocks";
import { startCountingProxy, type CountingProxy } from "../../support/counting-proxy";
import { waitUntil } from "../../support/free-port";
import { shouldRunMotoTests, startMoto, type MotoServer } from "../../support/moto";
import { callRoute, type RouteHandler } from "../../support/route-harness";
import { useSourceEnv } from "../../support/source-env";

const MOTO_ACCOUNT = "111122223333";
const A = "demo-a:us-east-1";
const B = "demo-b:us-east-1";
const M = "moto:eu-west-1";

const runMoto = shouldRunMotoTests();

describe.skipIf(!runMoto)("three sources in one Stepscope", () => {
  let demoA: EmulatorServer;
  let demoB: EmulatorServer;
  let moto: MotoServer;
  const proxy: Record<string, CountingProxy> = {};
  let motoExecution: string;
  let dir: string;

  const call = <T,>(handler: RouteHandler, url: string, arn = "") =>
    callRoute(handler, `http://stepscope.test${url}`, arn) as Promise<{ status: number; body: T }>;

  const fleet = () => call<FleetResponse>(getFleet as RouteHandler, "/api/fleet?window=1h&limit=500");

  beforeAll(async () => {
    process.env.MOTO_ACCOUNT_ID = MOTO_ACCOUNT;
    [demoA, demoB, moto] = await Promise.all([startEmulatorServer({ seed: 7, port: 0 }), startEmulatorServer({ seed: 8, port: 0 }), startMoto()]);
    delete process.env.MOTO_ACCOUNT_ID;
    proxy[A] = await startCountingProxy(demoA.url);
    proxy[B] = await startCountingProxy(demoB.url);
    proxy[M] = await startCountingProxy(moto.url);

    const sdk = new SFNClient({ endpoint: moto.url, region: "eu-west-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
    const definition = JSON.stringify({ StartAt: "Reject", States: { Reject: { Type: "Fail", Error: "Order.Invalid", Cause: "no items" } } });
    const machine = await sdk.send(new CreateStateMachineCommand({ name: "moto-orders", definition, roleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/test` }));
    motoExecution = (await sdk.send(new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn!, name: "order-1" }))).executionArn!;
    sdk.destroy();

    dir = mkdtempSync(path.join(tmpdir(), "stepscope-sources-"));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...Object.values(proxy).map((p) => p.close()), demoA?.close(), demoB?.close(), moto?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  useSourceEnv(() => ({
    STEPSCOPE_SOURCES: JSON.stringify({
      sources: [
        { name: "demo-a", endpoint: proxy[A].url, regions: ["us-east-1"] },
        { name: "demo-b", endpoint: proxy[B].url, regions: ["us-east-1"] },
        { name: "moto", endpoint: proxy[M].url, regions: ["eu-west-1"] },
      ],
    }),
    STEPSCOPE_DATABASE_URL: `sqlite:${path.join(dir, "store.db")}`,
  }));

  it("lists every machine of every source, each row with its source, and totals that are the sums", async () => {
    let answer!: FleetResponse;
    await waitUntil(async () => {
      answer = (await fleet()).body;
      return answer.sources.every((s) => s.machines > 0) && answer.rows.some((r) => r.source.id === M && r.summary?.failed === 1);
    }, 60_000, "rows from all three sources");
    expect(answer.sources.map((s) => s.scope.id)).toEqual([A, B, M]);
    for (const part of answer.sources) {
      const rows = answer.rows.filter((r) => r.source.id === part.scope.id);
      expect(part.machines).toBe(rows.length);
      expect(part.started).toBe(rows.reduce((n, r) => n + (r.summary?.started ?? 0), 0));
      expect(part.counts.FAILED).toBe(rows.reduce((n, r) => n + (r.summary?.failed ?? 0), 0));
    }
    expect(answer.total).toBe(answer.rows.length);
    expect(answer.totals.machines).toBe(answer.sources.reduce((n, s) => n + s.machines, 0));
    expect(answer.totals.started).toBe(answer.sources.reduce((n, s) => n + s.started, 0));
    for (const status of ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"] as const) {
      expect(answer.totals.counts[status]).toBe(answer.sources.reduce((n, s) => n + s.counts[status], 0));
    }
    // The two demo endpoints serve the same machine names under the same ARNs: both are listed.
    const motoRow = answer.rows.find((r) => r.source.id === M)!;
    expect(motoRow).toMatchObject({ name: "moto-orders", source: { name: "moto", region: "eu-west-1", accountId: MOTO_ACCOUNT } });
    const demoNames = (id: string) => answer.rows.filter((r) => r.source.id === id).map((r) => r.name).sort();
    expect(demoNames(A)).toEqual(demoNames(B));
    expect(demoNames(A).length).toBeGreaterThan(0);
  }, 90_000);

  it("filters by source and by Region, with the totals of what is shown", async () => {
    const onlyMoto = (await call<FleetResponse>(getFleet as RouteHandler, `/api/fleet?window=1h&source=${encodeURIComponent(M)}`)).body;
    expect(onlyMoto.sources.map((s) => s.scope.id)).toEqual([M]);
    expect(new Set(onlyMoto.rows.map((r) => r.source.id))).toEqual(new Set([M]));
    expect(onlyMoto.totals.counts.FAILED).toBe(1);

    const east = (await call<FleetResponse>(getFleet as RouteHandler, "/api/fleet?window=1h&region=us-east-1&limit=500")).body;
    expect(east.sources.map((s) => s.scope.id)).toEqual([A, B]);
    expect(east.rows.every((r) => r.source.region === "us-east-1")).toBe(true);

    const unknown = await call<{ error: { code: string; message: string } }>(getFleet as RouteHandler, "/api/fleet?source=staging:us-east-1");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain(M);
  });

  it("sends each ARN to the client of its account and Region, and asks which demo when two serve it", async () => {
    for (const p of Object.values(proxy)) p.reset();
    const motoDetail = await call<ExecutionResponse>(getExecution as RouteHandler, "/api/executions/x", motoExecution);
    expect(motoDetail.status).toBe(200);
    expect(motoDetail.body.source).toMatchObject({ id: M, accountId: MOTO_ACCOUNT });
    // Counted by the execution asked about: each demo's fleet service calls its own endpoint in the background.
    expect(proxy[M].callsAbout(motoExecution, "AWSStepFunctions.DescribeExecution")).toBe(1);
    expect(proxy[A].callsAbout(motoExecution)).toBe(0);
    expect(proxy[B].callsAbout(motoExecution)).toBe(0);

    // A demo machine's ARN: both demo endpoints serve it, so the request has to say which.
    const machines = (await call<StateMachinesResponse>(getStateMachines as RouteHandler, `/api/state-machines?source=${encodeURIComponent(B)}`)).body;
    const machine = machines.stateMachines.find((m) => m.type === "STANDARD")!;
    expect(machine.source?.id).toBe(B);
    const ambiguous = await call<{ error: { code: string; message: string } }>(getMachineExecutions as RouteHandler, "/api/state-machines/x/executions", machine.arn);
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error.message).toContain(A);
    expect(ambiguous.body.error.message).toContain(B);

    for (const p of Object.values(proxy)) p.reset();
    const listed = await call<ExecutionsResponse>(getMachineExecutions as RouteHandler, `/api/state-machines/x/executions?source=${encodeURIComponent(B)}&limit=5`, machine.arn);
    expect(listed.status).toBe(200);
    const execution = listed.body.executions[0];
    const history = await callRoute(getHistory as RouteHandler, `http://stepscope.test/api/executions/x/history?source=${encodeURIComponent(B)}`, execution.arn);
    expect(history.status).toBe(200);
    expect(proxy[B].callsAbout(execution.arn, "AWSStepFunctions.GetExecutionHistory")).toBeGreaterThan(0);
    expect(proxy[A].callsAbout(execution.arn)).toBe(0);
    expect(proxy[M].callsAbout(execution.arn)).toBe(0);

    // A source that does not serve the ARN's account and Region is refused, and so is an ARN no source serves.
    const wrong = await call<{ error: { message: string } }>(getExecution as RouteHandler, `/api/executions/x?source=${encodeURIComponent(M)}`, execution.arn);
    expect(wrong.status).toBe(400);
    const nobody = await call<{ error: { code: string; message: string } }>(getExecution as RouteHandler, "/api/executions/x", "arn:aws:states:ap-south-1:999999999999:execution:m:e");
    expect(nobody.status).toBe(404);
    expect(nobody.body.error.message).toContain("999999999999");
    expect(nobody.body.error.message).toContain(M);
  });

  it("finds by name across every source, and opens an ARN in its own source", async () => {
    const byName = (await call<FindResponse>(getFind as RouteHandler, "/api/find?q=order-1")).body;
    expect(byName.executions.map((e) => e.arn)).toContain(motoExecution);
    expect(byName.machinesSearched).toBeGreaterThan(1);
    const machine = (await call<FindResponse>(getFind as RouteHandler, "/api/find?q=moto-ord")).body;
    expect(machine.stateMachines.map((m) => m.name)).toEqual(["moto-orders"]);
    for (const p of Object.values(proxy)) p.reset();
    const byArn = await call<FindResponse>(getFind as RouteHandler, `/api/find?q=${encodeURIComponent(motoExecution)}`);
    expect(byArn.body.open).toEqual({ kind: "execution", arn: motoExecution });
    expect(proxy[A].callsAbout(motoExecution) + proxy[B].callsAbout(motoExecution)).toBe(0);
  });

  it("keeps answering when one source stops: the stopped one says down, the others stay ok", async () => {
    const before = (await fleet()).body;
    const machinesOfA = before.sources.find((s) => s.scope.id === A)!.machines;
    await proxy[B].close();

    let after!: FleetResponse;
    await waitUntil(async () => {
      after = (await fleet()).body;
      return after.sources.find((s) => s.scope.id === B)?.scope.health.state === "down";
    }, 30_000, "demo-b reported down");
    expect(after.sources.find((s) => s.scope.id === A)).toMatchObject({ machines: machinesOfA, scope: { health: { state: "ok" } } });
    expect(after.sources.find((s) => s.scope.id === M)?.scope.health.state).toBe("ok");
    expect(after.rows.some((r) => r.source.id === A)).toBe(true);
    expect(after.rows.some((r) => r.source.id === M)).toBe(true);
    // What demo-b showed before it stopped is still shown, marked with its source's health.
    for (const row of after.rows.filter((r) => r.source.id === B)) expect(row.source.health).toBe("down");

    const sources = (await call<SourcesResponse>(getSources as unknown as RouteHandler, "/api/sources")).body;
    expect(Object.fromEntries(sources.sources.map((s) => [s.id, s.health.state]))).toEqual({ [A]: "ok", [B]: "down", [M]: "ok" });
    expect(sources.sources.find((s) => s.id === B)?.health.message).toMatch(/reach|connection/i);
  }, 60_000);
});
