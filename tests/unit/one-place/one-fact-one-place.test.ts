/**
 * One fact, one place: each of these exists once, and these tests fail when a second copy
 * appears or a derived copy drifts from the source.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { overlayFromRuns } from "@/lib/asl";
import { summariseRuns, WORST_FIRST } from "@/lib/history";
import type { RunStatus, StateRun } from "@/lib/history/model";
import { buildStateExecutionGrid } from "@/lib/metrics/state-execution-grid";
import { errorMatches as uiMatches } from "@/lib/postmortem/retry-catch";
import { findCatcher, findRetrier } from "@/mocks/sim/retry";
import { breachOf } from "@/mocks/sim/interpreter";
import type { ExecutionPlan } from "@/mocks/sim/plan";
import { mapRunTolerance } from "@/lib/postmortem/map-run-tolerance";
import { STATUS_LOOKS } from "@/components/ui/status";
import { OUTCOMES } from "@/components/graph/theme";
import { STATUS_COLOURS } from "@/components/timeline/palette";
import { OUTCOME_LOOKS } from "@/components/metrics/palette";
import { compareOverlay, stateDeltas, matchRuns } from "@/lib/compare";
import { foldExecution } from "@/lib/postmortem/branch-identity";
import { loadMotoHistory, motoHistoryNames } from "../../fixtures/moto-histories";

const ROOT = process.cwd();

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx|css)$/.test(name)) out.push(rel);
  }
  return out;
}

const PRODUCT = ["lib", "components", "app"].flatMap(sourceFiles);

/** A source file without its comments. */
function code(file: string): string {
  return readFileSync(path.join(ROOT, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
}

function run(name: string, status: RunStatus, i: number): StateRun {
  return { path: `${name}#${i}`, name, type: "Task", status, enteredAt: 0, exitedAt: 1, attempts: [], eventIds: [], unknownEvents: [] };
}

describe("one fact, one place", () => {
  it("the worst outcome of a state is ranked the same by the summary, the graph overlay and the grid", () => {
    for (const a of WORST_FIRST) {
      for (const b of WORST_FIRST) {
        const runs = [run("S", a, 1), run("S", b, 2)];
        const summary = summariseRuns(runs).get("S")!.status;
        const overlay = overlayFromRuns(runs).S.status;
        const grid = buildStateExecutionGrid([
          { execution: { arn: "x", name: "x", startedAt: 0, status: "SUCCEEDED", stateMachineArn: "m", stateMachineName: "m" } as never, model: { runs } as never },
        ]);
        const cell = grid.rows.find((r) => r.stateName === "S")?.cells[0]?.outcome;
        const expected = WORST_FIRST.indexOf(a) <= WORST_FIRST.indexOf(b) ? a : b;
        expect([summary, overlay, cell], `${a} + ${b}`).toEqual([expected, expected, expected]);
      }
    }
  });

  it("status colours and labels come from the one status table (and globals.css repeats it exactly)", () => {
    for (const [status, look] of Object.entries(OUTCOMES)) {
      expect(look.color, status).toBe(STATUS_LOOKS[status as keyof typeof STATUS_LOOKS].color);
      expect(look.label, status).toBe(STATUS_LOOKS[status as keyof typeof STATUS_LOOKS].label);
    }
    for (const [status, colour] of Object.entries(STATUS_COLOURS)) expect(colour, status).toBe(STATUS_LOOKS[status as keyof typeof STATUS_LOOKS].color);
    for (const [status, look] of Object.entries(OUTCOME_LOOKS)) expect(look.label, status).toBe(STATUS_LOOKS[status as keyof typeof STATUS_LOOKS].label);
    const css = readFileSync(path.join(ROOT, "app/globals.css"), "utf8");
    for (const look of Object.values(STATUS_LOOKS)) {
      if (!("cssVar" in look)) continue;
      const m = new RegExp(`${look.cssVar}:\\s*(#[0-9a-fA-F]{6})`).exec(css);
      expect(m?.[1].toLowerCase(), look.cssVar).toBe(look.color);
    }
    // A status name given a colour literal is a second status table.
    const statusToHex = /\b(succeeded|failed|caught|timed_out|aborted|running|not_reached|retried|pending_redrive)["']?\s*:\s*(\{[^}\n]*)?["']#[0-9a-fA-F]{3,8}["']/i;
    const copies = PRODUCT.filter((f) => f !== path.join("components", "ui", "status.ts")).filter((f) => statusToHex.test(code(f)));
    expect(copies, "status colours written outside components/ui/status.ts").toEqual([]);
  });

  it("durations are formatted only in lib/format", () => {
    const handRolled = [/\}m \$\{/, /\} ms`/, /toFixed\(\d\)\} s`/, /\}h \$\{/];
    const offenders = PRODUCT.filter((f) => !f.startsWith(path.join("lib", "format"))).filter((f) => {
      const text = readFileSync(path.join(ROOT, f), "utf8");
      return handRolled.some((re) => re.test(text));
    });
    expect(offenders).toEqual([]);
  });

  it("the definition's nested scopes are read only by the one walk", () => {
    const readsScopes = /\.(ItemProcessor|Iterator|Branches)\b/;
    const offenders = PRODUCT.filter((f) => f.startsWith("lib") || f.startsWith("components"))
      .filter((f) => ![path.join("lib", "asl", "walk.ts"), path.join("lib", "asl", "build.ts")].includes(f))
      .filter((f) => readsScopes.test(code(f)));
    expect(offenders).toEqual([]);
  });

  it("the demo's simulator retries and catches by the rule the UI shows", () => {
    const errors = ["States.Timeout", "States.HeartbeatTimeout", "States.TaskFailed", "States.Runtime", "States.DataLimitExceeded", "Lambda.ServiceException", "Custom.Error", "States.Permissions"];
    const rules = [["States.ALL"], ["States.TaskFailed"], ["States.Timeout"], ["Lambda.ServiceException", "Custom.Error"], ["States.Runtime"]];
    for (const error of errors) {
      for (const errorEquals of rules) {
        const ui = uiMatches(errorEquals, error);
        expect(findRetrier([{ ErrorEquals: errorEquals }], error) === 0, `${errorEquals} ~ ${error}`).toBe(ui);
        expect(findCatcher([{ ErrorEquals: errorEquals, Next: "X" }], error) !== undefined, `${errorEquals} ~ ${error}`).toBe(ui);
      }
    }
  });

  it("the demo's simulator fails a map run by the tolerated-failure rule the map-run panel shows", () => {
    const thresholds: { percentage?: number; count?: number }[] = [{}, { percentage: 10 }, { count: 2 }, { percentage: 10, count: 0 }, { percentage: 0, count: 3 }, { percentage: 25, count: 1 }, { percentage: 0, count: 0 }];
    for (const tolerance of thresholds) {
      for (let failed = 0; failed <= 10; failed++) {
        const children = Array.from({ length: 10 }, (_, i) => ({ status: i < failed ? "FAILED" : "SUCCEEDED", stopMs: i }) as ExecutionPlan);
        const simFails = breachOf(children, 10, tolerance) !== undefined;
        const counts = { pending: 0, running: 0, succeeded: 10 - failed, failed, timedOut: 0, aborted: 0, total: 10 };
        const panel = mapRunTolerance({ toleratedFailurePercentage: tolerance.percentage ?? 0, toleratedFailureCount: tolerance.count ?? 0, itemCounts: counts as never });
        expect(simFails, `${JSON.stringify(tolerance)}, ${failed} of 10 failed`).toBe(panel.exceeded);
      }
    }
  });

  it("compare gives a state the duration the execution page's graph gives it", () => {
    for (const name of motoHistoryNames()) {
      const { events, definition } = loadMotoHistory(name);
      const model = foldExecution(events, definition);
      const overlay = overlayFromRuns(model.runs);
      const deltas = stateDeltas(model, model, matchRuns(model, model));
      const merged = compareOverlay(deltas, model);
      for (const d of deltas) {
        expect(d.aDurationMs, `${name}: ${d.name}`).toBe(overlay[d.name]?.durationMs);
        // The longest of runs that overlapped (Map iterations, branches) is labelled so on both pages.
        expect(d.durationIsMax, `${name}: ${d.name}`).toBe(!!overlay[d.name]?.durationIsMax);
        expect(!!merged[d.name]?.durationIsMax, `${name}: ${d.name}`).toBe(!!overlay[d.name]?.durationIsMax);
      }
      expect(deltas.some((d) => d.durationIsMax) || !model.runs.some((r) => r.iteration !== undefined || r.branch !== undefined), name).toBe(true);
    }
  });
});
