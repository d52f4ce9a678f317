/**
 * A server that knows one source only (no /api/sources) still has a scope: its badge's
 * SourceInfo, said the same way. Pure.
 */
import type { SourceInfo, SourceScope } from "@/lib/contract/api";

export function scopeFromSourceInfo(info: SourceInfo): SourceScope {
  return {
    id: info.id ?? `${info.name ?? info.kind}:${info.region}`,
    name: info.name ?? info.kind,
    region: info.region,
    accountId: info.accountId,
    kind: info.kind,
    label: info.label,
    endpoint: info.endpoint,
    // It answered this very request.
    health: { state: "ok" },
  };
}
