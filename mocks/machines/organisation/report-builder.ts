/**
 * staging, us-east-1: builds a sales report from a warehouse query. The staging warehouse is
 * small and sometimes never answers, so the workflow's own time-out ends those runs.
 */
import type { DemoPlace } from "../../contract";
import type { TaskBehaviour } from "../../sim/behaviour";
import type { Rng } from "../../sim/random";
import { HOUR_MS, type MachineSpec } from "../machine-spec";
import { lambdaArn, lambdaReturns, serviceReturns } from "../services";

function definition(place: DemoPlace) {
  return {
    Comment: "Query the warehouse, wait for the result, build and upload the report",
    TimeoutSeconds: 600,
    StartAt: "RunQuery",
    States: {
      RunQuery: {
        Type: "Task",
        Resource: "arn:aws:states:::athena:startQueryExecution.sync",
        Parameters: { QueryString: "SELECT region, sum(total) FROM sales GROUP BY region", WorkGroup: "staging" },
        ResultPath: "$.query",
        Next: "BuildReport",
      },
      BuildReport: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: lambdaArn("report-build", place), "Payload.$": "$" },
        ResultPath: "$.report",
        End: true,
      },
    },
  };
}

function makeInput(rng: Rng, startMs: number) {
  return { reportId: `RPT-${rng.hex(6).toUpperCase()}`, day: new Date(startMs).toISOString().slice(0, 10) };
}

const runQuery: TaskBehaviour = ({ rng }) => (rng.chance(0.12) ? { kind: "silent" } : serviceReturns(rng, rng.latency(45_000), { QueryExecution: { Status: { State: "SUCCEEDED" } } }));

export function reportBuilder(place: DemoPlace): MachineSpec {
  return {
    name: "report-builder",
    type: "STANDARD",
    description: "Sales report from the staging warehouse",
    createdMs: Date.UTC(2026, 2, 3, 10, 30, 0),
    definition: definition(place) as unknown as MachineSpec["definition"],
    slotSeconds: 900,
    density: () => 0.7,
    makeInput,
    makeTraits: () => ({}),
    behaviours: { RunQuery: runQuery, BuildReport: ({ rng }) => lambdaReturns(rng, rng.latency(2500), { uploaded: true }) },
    abortChance: 0.01,
    longestLifeMs: HOUR_MS,
  };
}
