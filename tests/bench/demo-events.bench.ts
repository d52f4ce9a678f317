/**
 * What the demo's own poller spends with its simulated events queue (the default) against
 * without it (STEPSCOPE_EVENTS_QUEUE_URL=off, the baseline): Step Functions calls per minute of
 * the demo's clock once the first listing is done, with a SQLite store, in-process (real SDK →
 * msw → the simulated account). The demo's clock runs 10× faster than the wall clock so that a
 * minute of the bench covers several reconciliation passes; nobody looks at a page meanwhile.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setupServer } from "msw/node";
import { parseConfig } from "@/lib/config/env";
import { createSfnContext } from "@/lib/sfn";
import { startFleetService } from "@/lib/server/fleet-service";
import { createDemoAccount, createDemoHandlers } from "@/mocks";
import { createDemoEventsHandlers, DemoEventsQueue } from "@/mocks/events";
import { figure, type Figure } from "./figure";

const SPEED = 10;
const MEASURE_MS = 60_000;

async function callsPerMinute(tmp: string, events: "demo" | "off"): Promise<{ lists: number; describes: number; histories: number; minutes: number }> {
  const p0 = performance.now();
  const t0 = Date.now();
  const clock = () => t0 + (performance.now() - p0) * SPEED;
  const account = createDemoAccount({ seed: 42, clock });
  const server = setupServer(...createDemoHandlers(account), ...createDemoEventsHandlers(new DemoEventsQueue(account, clock)));
  server.listen({ onUnhandledRequest: "bypass" });
  const config = parseConfig({ STEPSCOPE_DATABASE_URL: `sqlite:${path.join(tmp, `demo-${events}.db`)}`, STEPSCOPE_EVENTS_QUEUE_URL: events });
  const service = await startFleetService(createSfnContext(config, { now: clock }), config);
  try {
    const machines = (account.peek("AWSStepFunctions.ListStateMachines", {}).body as { stateMachines: { stateMachineArn: string; type: string }[] }).stateMachines;
    const standard = machines.filter((m) => m.type === "STANDARD").map((m) => m.stateMachineArn);
    const ready = () => standard.every((arn) => service.fleet!.machine(arn).status().refreshedAt !== undefined) && (events === "off" || service.events?.status.state === "consuming");
    while (!ready()) await new Promise((r) => setTimeout(r, 200));
    account.resetCallCounts();
    const from = clock();
    await new Promise((r) => setTimeout(r, MEASURE_MS));
    const counts = account.callCounts();
    const minutes = (clock() - from) / 60_000;
    return { lists: (counts.ListExecutions ?? 0) / minutes, describes: (counts.DescribeExecution ?? 0) / minutes, histories: (counts.GetExecutionHistory ?? 0) / minutes, minutes };
  } finally {
    await service.stop();
    server.close();
  }
}

export async function figures(): Promise<Figure[]> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-bench-demo-events-"));
  try {
    const off = await callsPerMinute(tmp, "off");
    const on = await callsPerMinute(tmp, "demo");
    const round = (x: number) => Math.round(x * 10) / 10;
    console.error(`[bench] demo, per minute of its clock over ${round(on.minutes)} min: events on ${round(on.lists)} ListExecutions, ${round(on.describes)} DescribeExecution, ${round(on.histories)} GetExecutionHistory; off ${round(off.lists)}, ${round(off.describes)}, ${round(off.histories)}`);
    return [
      figure("demo: ListExecutions per minute with its events queue (baseline: STEPSCOPE_EVENTS_QUEUE_URL=off)", round(on.lists), "calls", round(off.lists), "fewer than without"),
      figure("demo: DescribeExecution per minute with its events queue (baseline: off)", round(on.describes), "calls", round(off.describes), "fewer than without"),
    ];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
