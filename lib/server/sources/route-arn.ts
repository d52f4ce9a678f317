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
  const inRegion = scopes.filter((s) => s.region === region);
  const known = inRegion.filter((s) => s.accountId === accountId);
  const candidates = known.length > 0 ? known : inRegion.filter((s) => s.accountId === undefined);
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
