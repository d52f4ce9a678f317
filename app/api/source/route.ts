import type { SourceInfo } from "@/lib/contract/api";
import { loadConfig, sourceInfo } from "@/lib/config/env";
import { getSfnContext } from "@/lib/sfn";
import { fleetService } from "@/lib/server/fleet-service";
import { respond } from "../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/source → SourceInfo, for the badge; with an events queue, how consuming it fares. */
export function GET(): Promise<Response> {
  return respond(async (): Promise<SourceInfo> => {
    const info = sourceInfo();
    if (!loadConfig().eventsQueueUrl) return info;
    const events = (await fleetService(getSfnContext()).catch(() => undefined))?.events;
    return events ? { ...info, events: { ...events.status } } : info;
  });
}
