/**
 * Which scope an ARN belongs to: its Region and account say so (a page's `source=` decides
 * when two scopes serve the same account and Region, as two emulators may). Pure.
 */
import type { SourceScope } from "@/lib/contract/api";
import { parseStatesArn } from "@/lib/format/arn";

type ScopeLike = Pick<SourceScope, "id" | "region" | "accountId">;

export function scopeOfArn<S extends ScopeLike>(arn: string, scopes: readonly S[], sourceParam?: string | null): S | undefined {
  if (sourceParam) {
    const named = scopes.find((s) => s.id === sourceParam);
    if (named) return named;
  }
  const parsed = parseStatesArn(arn);
  if (!parsed) return undefined;
  const inRegion = scopes.filter((s) => s.region === parsed.region);
  const sameAccount = inRegion.filter((s) => s.accountId === parsed.account);
  if (sameAccount.length > 0) return sameAccount[0];
  // A scope whose account is not known yet (AWS, before its first answer) may still be the one.
  const unknownAccount = inRegion.filter((s) => s.accountId === undefined);
  return unknownAccount.length === 1 ? unknownAccount[0] : undefined;
}

/** Account and Region read off the ARN alone, for when no scope is known. */
export function placeOfArn(arn: string): { accountId: string; region: string } | undefined {
  const parsed = parseStatesArn(arn);
  return parsed ? { accountId: parsed.account, region: parsed.region } : undefined;
}
