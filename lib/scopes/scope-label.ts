/** How a scope is named in words: "prod · eu-west-1 · 123456789012". Pure. */
import type { ScopeRef } from "@/lib/contract/api";

export function scopeLabel(scope: Pick<ScopeRef, "name" | "region" | "accountId">): string {
  return [scope.name, scope.region, scope.accountId].filter(Boolean).join(" · ");
}
