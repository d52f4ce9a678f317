/**
 * Which scope an ARN belongs to. Pure. An ARN names its Region and account
 * (arn:aws:states:REGION:ACCOUNT:…), so a shared link opens against the right client. Two
 * sources can serve the same account and Region (two emulators): then `?source=` decides.
 */
export interface RoutableScope {
  id: string;
  region: string;
  /** Unknown until configured or learned from the source's ARNs. */
  accountId?: string;
}

export type ArnRoute<S> =
  | { ok: true; scope: S }
  | { ok: false; code: "NOT_FOUND" | "BAD_REQUEST"; message: string };

const ARN = /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):/;

export function arnRegionAndAccount(arn: string): { region: string; accountId: string } | undefined {
  const m = ARN.exec(arn);
  return m ? { region: m[1], accountId: m[2] } : undefined;
}

function listed(scopes: readonly RoutableScope[]): string {
  return scopes.map((s) => `${s.id} (${s.accountId ?? "account not known yet"})`).join(", ");
}

/**
 * The scopes that may serve an account in a Region: those of that Region whose account is the
 * ARN's; else those of that Region whose account is not known yet.
 */
function servingScopes<S extends RoutableScope>(region: string, accountId: string, scopes: readonly S[]): S[] {
  const inRegion = scopes.filter((s) => s.region === region);
  const known = inRegion.filter((s) => s.accountId === accountId);
  return known.length > 0 ? known : inRegion.filter((s) => s.accountId === undefined);
}

/**
 * Whether `arn` may be `scope`'s (the routing rule below, without `?source=`): what a scope shows
 * from a store or a feed that several scopes share. Where the rule cannot tell two scopes apart
 * (two sources of one Region, neither account known yet), each keeps the ARN rather than lose it.
 */
export function mayBelongTo(arn: string, scope: RoutableScope, scopes: readonly RoutableScope[]): boolean {
  const where = arnRegionAndAccount(arn);
  if (!where) return false;
  return servingScopes(where.region, where.accountId, scopes).some((s) => s.id === scope.id);
}

/**
 * The scope for `arn`: the one `sourceParam` names (it must serve that Region and, when known,
 * that account); else the one scope of that Region whose account is the ARN's; else the one
 * scope of that Region whose account is not known yet. None: 404; several: 400 asking for `source`.
 */
export function routeArn<S extends RoutableScope>(arn: string, scopes: readonly S[], sourceParam?: string): ArnRoute<S> {
  const where = arnRegionAndAccount(arn);
  if (!where) return { ok: false, code: "BAD_REQUEST", message: `"${arn.slice(0, 120)}" is not a Step Functions ARN.` };
  const { region, accountId } = where;
  if (sourceParam !== undefined) {
    const named = scopes.find((s) => s.id === sourceParam);
    if (!named) return { ok: false, code: "BAD_REQUEST", message: `No source "${sourceParam.slice(0, 80)}"; the sources are ${listed(scopes)}.` };
    if (named.region !== region || (named.accountId !== undefined && named.accountId !== accountId)) {
      return { ok: false, code: "BAD_REQUEST", message: `Source ${named.id} serves ${named.accountId ?? "an account"} in ${named.region}, not this ARN's account ${accountId} in ${region}.` };
    }
    return { ok: true, scope: named };
  }
  const candidates = servingScopes(region, accountId, scopes);
  if (candidates.length === 1) return { ok: true, scope: candidates[0] };
  if (candidates.length === 0) {
    return { ok: false, code: "NOT_FOUND", message: `No source serves account ${accountId} in ${region}; the sources are ${listed(scopes)}.` };
  }
  return {
    ok: false,
    code: "BAD_REQUEST",
    message: `Several sources serve account ${accountId} in ${region} (${candidates.map((s) => s.id).join(", ")}): add ?source=<id> to say which.`,
  };
}
