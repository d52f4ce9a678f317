/** Paths and query keys of the fleet and metrics routes (browser side). */
import type { FleetSort } from "@/lib/contract/api";
import type { WindowParams } from "./window-params";

const seg = encodeURIComponent;

function queryString(params: Record<string, string | number | readonly string[] | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const item of v) q.append(k, item);
    else if (v !== undefined && v !== "") q.set(k, String(v));
  }
  const text = q.toString();
  return text ? `?${text}` : "";
}

export interface FleetListParams {
  q?: string;
  sort?: FleetSort;
  dir?: "asc" | "desc";
  cursor?: string;
  limit?: number;
  /** Scope ids (`source=`, repeatable); none for every scope. */
  source?: readonly string[];
}

export const fleetPaths = {
  fleet: (window: WindowParams, list: FleetListParams) => `/api/fleet${queryString({ ...window, ...list })}`,
  metrics: (arn: string, window: WindowParams) => `/api/state-machines/${seg(arn)}/metrics${queryString({ ...window })}`,
};

export const fleetKeys = {
  fleet: (window: WindowParams, list: FleetListParams) => ["fleet", window, list] as const,
  metrics: (arn: string, window: WindowParams) => ["machine-metrics", arn, window] as const,
};
