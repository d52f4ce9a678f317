/**
 * The header's search: an ARN opens what it names (checked against the source, so a typo says
 * "not found" rather than opening a broken page); anything else is a name or name prefix,
 * matched over every Standard state machine's executions in the index (case-insensitive), and
 * over state machine names.
 */
import type { ExecutionMatch, FindResponse } from "@/lib/contract/api";
import { resolveWindow } from "@/lib/metrics";
import type { SfnContext } from "@/lib/sfn/context";
import { describeExecution } from "@/lib/sfn/executions";
import { describeStateMachine, listStateMachines } from "@/lib/sfn/state-machines";
import type { FleetIndex } from "./fleet-index";

const EXECUTION_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(?:execution|express):/;
const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:/;

export async function searchFleet(ctx: SfnContext, fleet: FleetIndex, query: string, limit: number): Promise<FindResponse> {
  const q = query.trim();
  const now = ctx.now();
  const searchedFrom = now - fleet.limits.horizonMs;
  const empty = { query: q, stateMachines: [], executions: [], truncated: false, searchedFrom, machinesSearched: 0 };
  if (EXECUTION_ARN.test(q)) {
    const execution = await describeExecution(ctx, q);
    return { ...empty, open: { kind: "execution", arn: execution.arn } };
  }
  if (STATE_MACHINE_ARN.test(q)) {
    const machine = await describeStateMachine(ctx, q);
    return { ...empty, open: { kind: "stateMachine", arn: machine.arn } };
  }
  const machines = await listStateMachines(ctx);
  const needle = q.toLowerCase();
  // Brings every machine's index up to date (each refresh is bounded and shared with the fleet page).
  await fleet.fleetRows(ctx, resolveWindow("15m", now));
  const names = new Map(machines.map((m) => [m.arn, m.name]));
  const found = await fleet.searchByName(q, limit + 1, now);
  const executions: ExecutionMatch[] = found.slice(0, limit).map((e) => ({ ...e, stateMachineName: names.get(e.stateMachineArn) ?? e.stateMachineArn }));
  return {
    query: q,
    stateMachines: machines.filter((m) => m.name.toLowerCase().includes(needle)),
    executions,
    truncated: found.length > limit,
    searchedFrom,
    machinesSearched: machines.filter((m) => m.type === "STANDARD").length,
  };
}
