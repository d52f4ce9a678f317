/** The scope of an ARN route: from the ARN's account and Region, or `?source=` when two sources share them. */
import { scopeForArn } from "@/lib/server/sources/resolve-scope";
import type { Scope } from "@/lib/server/sources/registry";

export function sourceParam(request: Request): string | undefined {
  const value = new URL(request.url).searchParams.get("source");
  return value === null || value === "" ? undefined : value;
}

export function scopeOf(request: Request, arn: string): Promise<Scope> {
  return scopeForArn(arn, sourceParam(request));
}
