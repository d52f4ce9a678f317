/**
 * The scope a request is about: the one its ARN names (see route-arn.ts), or the ones the
 * fleet's `source` and `region` filters select. Failures are SfnErrors, answered as 400/404.
 */
import "../server-only";
import { listStateMachines } from "@/lib/sfn/state-machines";
import { SfnError } from "@/lib/sfn/errors";
import { arnRegionAndAccount, routeArn } from "./route-arn";
import { noteScopeArn, sourceRegistry, type Scope } from "./registry";

/** Learn the accounts of the Region's scopes that are not known yet: their machine list (cached) names them. */
async function learnAccounts(scopes: readonly Scope[], region: string): Promise<void> {
  const unknown = scopes.filter((s) => s.region === region && s.accountId === undefined);
  await Promise.all(
    unknown.map(async (scope) => {
      const machines = await listStateMachines(scope.ctx).catch(() => []);
      noteScopeArn(scope, machines[0]?.arn);
    }),
  );
}

export async function scopeForArn(arn: string, sourceParam?: string): Promise<Scope> {
  const registry = sourceRegistry();
  // One source, as before: everything goes to it, whatever Region the ARN names.
  if (registry.implicit && sourceParam === undefined) return registry.scopes[0];
  const where = arnRegionAndAccount(arn);
  if (where && sourceParam === undefined) await learnAccounts(registry.scopes, where.region);
  const route = routeArn(arn, registry.scopes, sourceParam);
  if (!route.ok) throw new SfnError(route.code, route.message);
  return route.scope;
}

/** The scopes `source=` and `region=` keep (all when neither is given); an unknown one is a 400 naming the known ones. */
export function selectScopes(sourceIds: readonly string[], regions: readonly string[]): Scope[] {
  const { scopes } = sourceRegistry();
  const unknownId = sourceIds.find((id) => !scopes.some((s) => s.id === id));
  if (unknownId !== undefined) {
    throw new SfnError("BAD_REQUEST", `No source "${unknownId.slice(0, 80)}"; the sources are ${scopes.map((s) => s.id).join(", ")}.`);
  }
  const known = [...new Set(scopes.map((s) => s.region))];
  const unknownRegion = regions.find((r) => !known.includes(r));
  if (unknownRegion !== undefined) {
    throw new SfnError("BAD_REQUEST", `No source reads Region "${unknownRegion.slice(0, 40)}"; the Regions are ${known.join(", ")}.`);
  }
  return scopes.filter((s) => (sourceIds.length === 0 || sourceIds.includes(s.id)) && (regions.length === 0 || regions.includes(s.region)));
}
