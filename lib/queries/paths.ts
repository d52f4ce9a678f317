/** Our API's paths. ARNs are URL-encoded path segments. */
const seg = encodeURIComponent;

export const apiPaths = {
  source: () => "/api/source",
  sources: () => "/api/sources",
  stateMachine: (arn: string) => `/api/state-machines/${seg(arn)}`,
  executions: (arn: string, params: Record<string, string | number | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
    const qs = q.toString();
    return `/api/state-machines/${seg(arn)}/executions${qs ? `?${qs}` : ""}`;
  },
  execution: (arn: string) => `/api/executions/${seg(arn)}`,
  mapRun: (arn: string) => `/api/map-runs/${seg(arn)}`,
  mapRunReport: (arn: string) => `/api/map-runs/${seg(arn)}/report`,
  history: (arn: string, after?: number) =>
    `/api/executions/${seg(arn)}/history${after !== undefined ? `?after=${after}` : ""}`,
  search: (q: string, cursor?: string, limit = 50) => {
    const params = new URLSearchParams({ q, limit: String(limit) });
    if (cursor) params.set("cursor", cursor);
    return `/api/search?${params}`;
  },
};
