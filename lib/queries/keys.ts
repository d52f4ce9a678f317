/** React-query keys for our API, one factory so invalidation and sharing stay consistent. */
export const queryKeys = {
  source: () => ["source"] as const,
  sources: () => ["sources"] as const,
  stateMachine: (arn: string) => ["state-machine", arn] as const,
  executions: (arn: string, filters: Record<string, string | undefined>) => ["executions", arn, filters] as const,
  execution: (arn: string) => ["execution", arn] as const,
  history: (arn: string) => ["history", arn] as const,
  mapRunReport: (arn: string) => ["map-run-report", arn] as const,
  mapRun: (arn: string) => ["map-run", arn] as const,
  search: (q: string) => ["search", q] as const,
};
