/** A scope's execution index: its fleet service's, or (store off) the in-memory one of its context. */
import "../server-only";
import type { FleetIndex } from "@/lib/server/fleet";
import { serviceFleetIndex } from "@/lib/server/fleet-service";
import { scopeService } from "./registry";
import type { Scope } from "./registry";

export async function scopeFleetIndex(scope: Scope): Promise<FleetIndex> {
  return serviceFleetIndex(await scopeService(scope), scope.ctx);
}
