import type { SourceInfo } from "@/lib/contract/api";
import { loadConfig } from "@/lib/config/env";
import { scopeService, scopeSourceInfo, sourceRegistry } from "@/lib/server/sources/registry";
import { respond } from "../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/source → SourceInfo of the first source, for the badge; with an events queue, how consuming it fares. GET /api/sources lists them all. */
export function GET(): Promise<Response> {
  return respond(async (): Promise<SourceInfo> => {
    const first = sourceRegistry().scopes[0];
    const info = scopeSourceInfo(first);
    if (!loadConfig().eventsQueueUrl) return info;
    const events = (await scopeService(first).catch(() => undefined))?.events;
    return events ? { ...info, events: { ...events.status } } : info;
  });
}
