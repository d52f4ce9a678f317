import type { StateMachinesResponse, StateMachineSummary } from "@/lib/contract/api";
import { listStateMachines, listStateMachinesWithCounts } from "@/lib/sfn";
import { noteScopeArn, scopeSourceInfo, sourceRegistry, toSourceScope, type Scope } from "@/lib/server/sources/registry";
import { selectScopes } from "@/lib/server/sources/resolve-scope";
import { parseCountsWindow } from "../_lib/params";
import { respond } from "../_lib/respond";
import { sourceParam } from "../_lib/scope";

export const dynamic = "force-dynamic";

async function machinesOf(scope: Scope, windowMs: number | undefined): Promise<StateMachineSummary[]> {
  const ctx = scope.ctx;
  const machines = windowMs === undefined ? await listStateMachines(ctx) : await listStateMachinesWithCounts(ctx, windowMs);
  noteScopeArn(scope, machines[0]?.arn);
  if (sourceRegistry().implicit) return machines;
  const health = toSourceScope(scope).health.state;
  return machines.map((m) => ({ ...m, source: { id: scope.id, name: scope.name, region: scope.region, accountId: scope.accountId, health } }));
}

/** GET /api/state-machines[?counts=24h][&source=<id>] → StateMachinesResponse: every scope's machines, or one scope's. */
export function GET(request: Request): Promise<Response> {
  return respond(async (): Promise<StateMachinesResponse> => {
    const windowMs = parseCountsWindow(request);
    const only = sourceParam(request);
    const scopes = only === undefined ? sourceRegistry().scopes : selectScopes([only], []);
    const answers = await Promise.allSettled(scopes.map((scope) => machinesOf(scope, windowMs)));
    // Every scope failed: say why (one source down answers as before); otherwise list what answered.
    const firstFailure = answers.find((a) => a.status === "rejected");
    if (firstFailure && answers.every((a) => a.status === "rejected")) throw (firstFailure as PromiseRejectedResult).reason;
    const stateMachines = answers.flatMap((a) => (a.status === "fulfilled" ? a.value : []));
    return { source: scopeSourceInfo(scopes[0]), stateMachines, fetchedAt: scopes[0].ctx.now() };
  });
}
