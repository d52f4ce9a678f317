/**
 * Redaction through every route that answers with execution data, on the real SDK and route
 * handlers, against an account that copies two secrets into every place Step Functions copies
 * payloads (tests/support/leaky-account.ts). A route added later must be listed here: the last
 * test compares this list with the route files.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it, beforeEach } from "vitest";
import { GET as getExecution } from "@/app/api/executions/[arn]/route";
import { GET as getHistory } from "@/app/api/executions/[arn]/history/route";
import { GET as getExecutionMapRuns } from "@/app/api/executions/[arn]/map-runs/route";
import { GET as getStop } from "@/app/api/executions/[arn]/stop/route";
import { GET as getRedrive } from "@/app/api/executions/[arn]/redrive/route";
import { GET as getFleet } from "@/app/api/fleet/route";
import { GET as getMapRun } from "@/app/api/map-runs/[arn]/route";
import { GET as getMapRunExecutions } from "@/app/api/map-runs/[arn]/executions/route";
import { GET as getMapRunReport } from "@/app/api/map-runs/[arn]/report/route";
import { GET as getFind } from "@/app/api/find/route";
import { GET as getSearch } from "@/app/api/search/route";
import { GET as getSource } from "@/app/api/source/route";
import { GET as getSources } from "@/app/api/sources/route";
import { GET as getStateMachine } from "@/app/api/state-machines/[arn]/route";
import { GET as getMachineExecutions } from "@/app/api/state-machines/[arn]/executions/route";
import { GET as getMetrics } from "@/app/api/state-machines/[arn]/metrics/route";
import { GET as getStateMachines } from "@/app/api/state-machines/route";
import { resetConfig } from "@/lib/config/env";
import { resetSfnContext } from "@/lib/sfn";
import { arnOf } from "../support/fake-sfn";
import { CARD, CHILD, DEEP, LEAKY, leakedSecrets, leakyAccount, MACHINE, MAP_RUN, PASSWORD, REDACT_PATHS } from "../support/leaky-account";
import { callRoute, useFakeSfnServer, type RouteHandler } from "../support/route-harness";

const server = useFakeSfnServer({ STEPSCOPE_REDACT_PATHS: REDACT_PATHS });

/** Route file (under app/api) → the calls that exercise it. */
const ROUTES: Record<string, [RouteHandler, string, string][]> = {
  "source/route.ts": [[getSource, "/api/source", ""]],
  "sources/route.ts": [[getSources, "/api/sources", ""]],
  "state-machines/route.ts": [[getStateMachines, "/api/state-machines?counts=24h", ""]],
  "state-machines/[arn]/route.ts": [[getStateMachine, "/api/state-machines/x", arnOf.machine(MACHINE)]],
  "state-machines/[arn]/executions/route.ts": [[getMachineExecutions, "/api/state-machines/x/executions", arnOf.machine(MACHINE)]],
  "state-machines/[arn]/metrics/route.ts": [[getMetrics, "/api/state-machines/x/metrics?window=24h", arnOf.machine(MACHINE)]],
  "fleet/route.ts": [[getFleet, "/api/fleet?window=24h", ""]],
  "executions/[arn]/route.ts": [
    [getExecution, "/api/executions/x", LEAKY],
    [getExecution, "/api/executions/x", CHILD],
    [getExecution, "/api/executions/x", DEEP],
  ],
  "executions/[arn]/history/route.ts": [
    [getHistory, "/api/executions/x/history", LEAKY],
    [getHistory, "/api/executions/x/history?after=10", LEAKY],
    [getHistory, "/api/executions/x/history", CHILD],
    [getHistory, "/api/executions/x/history", DEEP],
  ],
  "executions/[arn]/map-runs/route.ts": [[getExecutionMapRuns, "/api/executions/x/map-runs", LEAKY]],
  "executions/[arn]/stop/route.ts": [[getStop, "/api/executions/x/stop", LEAKY]],
  "executions/[arn]/redrive/route.ts": [[getRedrive, "/api/executions/x/redrive", LEAKY]],
  "map-runs/[arn]/route.ts": [[getMapRun, "/api/map-runs/x", MAP_RUN]],
  "map-runs/[arn]/executions/route.ts": [[getMapRunExecutions, "/api/map-runs/x/executions", MAP_RUN]],
  // The report reads the children's histories and quotes each failed child's error and cause.
  "map-runs/[arn]/report/route.ts": [[getMapRunReport, "/api/map-runs/x/report", MAP_RUN]],
  // Search answers with execution summaries: by name prefix, by an execution's ARN and a machine's.
  "find/route.ts": [
    [getFind, "/api/find?q=leaky", ""],
    [getFind, "/api/find?q=child", ""],
    [getFind, `/api/find?q=${encodeURIComponent(LEAKY)}`, ""],
    [getFind, `/api/find?q=${encodeURIComponent(arnOf.machine(MACHINE))}`, ""],
  ],
};

beforeEach(() => {
  resetConfig();
  resetSfnContext();
  server.use(...leakyAccount().handlers());
});

describe("redaction on every route that carries execution data", () => {
  it("no secret leaves any route, whatever wraps or quotes it, and the data is still there", async () => {
    for (const [file, calls] of Object.entries(ROUTES)) {
      for (const [handler, path, arn] of calls) {
        const result = await callRoute(handler, `http://127.0.0.1:3000${path}`, encodeURIComponent(arn));
        expect(result.status, `${file} ${path} ${arn}: ${result.text.slice(0, 300)}`).toBe(200);
        expect(leakedSecrets(result.text), `${file} ${path} ${arn}`).toEqual([]);
      }
    }
  });

  it("masks by path and keeps what is not secret", async () => {
    const history = await callRoute(getHistory, "http://127.0.0.1:3000/api/executions/x/history", encodeURIComponent(LEAKY));
    const started = JSON.parse(history.body.events[0].executionStartedEventDetails.input);
    expect(started).toEqual({ card: { number: "[redacted]", brand: "visa" }, user: { name: "ada", password: "[redacted]" }, amount: 42 });
    const sqs = JSON.parse(history.body.events[7].taskScheduledEventDetails.parameters);
    expect(JSON.parse(sqs.MessageBody).user).toEqual({ name: "ada", password: "[redacted]" });
    expect(history.body.events[14].executionFailedEventDetails.cause).toContain("could not be found in the input");
    const execution = await callRoute(getExecution, "http://127.0.0.1:3000/api/executions/x", encodeURIComponent(LEAKY));
    expect(execution.body.execution.cause).toContain("could not be found in the input");
    expect(execution.text).not.toContain(CARD);
    expect(execution.text).not.toContain(PASSWORD);
  });

  it("the metrics' error groups quote causes without the secrets", async () => {
    const metrics = await callRoute(getMetrics, "http://127.0.0.1:3000/api/state-machines/x/metrics?window=24h", encodeURIComponent(arnOf.machine(MACHINE)));
    expect(metrics.body.errorGroups.length).toBeGreaterThan(0);
    expect(metrics.body.errorGroups[0].sampleCause).toContain("[redacted]");
    expect(leakedSecrets(metrics.text)).toEqual([]);
  });

  it("the map run's report and the search still answer with the data, without the secrets", async () => {
    const report = await callRoute(getMapRunReport, "http://127.0.0.1:3000/api/map-runs/x/report", encodeURIComponent(MAP_RUN));
    // The failed child's history was read and its cause quoted, with the card number masked.
    expect(report.body.failures).toMatchObject([{ name: "child-1", read: true, error: "Declined", cause: "card [redacted] declined" }]);
    expect(leakedSecrets(report.text)).toEqual([]);
    const find = await callRoute(getFind, "http://127.0.0.1:3000/api/find?q=leaky", "");
    expect(find.body.executions).toMatchObject([{ name: "leaky-1", status: "FAILED", stateMachineName: MACHINE }]);
    expect(leakedSecrets(find.text)).toEqual([]);
  });

  it("the store search answers from stored rows only, and with no store says so without data", async () => {
    // Its rows are written by the index from answers that came through send(), already redacted;
    // this harness keeps no store (memory), so the route must refuse rather than reach AWS.
    const search = await callRoute(getSearch, "http://127.0.0.1:3000/api/search?q=leaky", "");
    expect(search.status).toBe(422);
    expect(search.body.error.code).toBe("UNSUPPORTED");
    expect(leakedSecrets(search.text)).toEqual([]);
  });

  it("covers every API route file", () => {
    const files = readdirSync("app/api", { recursive: true, encoding: "utf8" })
      // The catch-all answers only "no such path".
      .filter((file) => file.endsWith("route.ts") && !file.startsWith("[[...unknown]]"))
      .sort();
    expect(files).toEqual([...Object.keys(ROUTES), "search/route.ts"].sort());
  });
});
