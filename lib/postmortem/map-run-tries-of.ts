import type { ExecutionModel, MapRunTry } from "@/lib/history/model";

/**
 * Every try of one map run, oldest first. A redrive either continues the same Map run
 * (MapRunRedriven on it) or enters the Map state again with the same map run ARN; either way
 * the tries of every run carrying that ARN are the map run's.
 */
export function mapRunTriesOf(model: ExecutionModel | undefined, mapRunArn: string): MapRunTry[] {
  const tries: MapRunTry[] = [];
  for (const run of model?.runs ?? []) {
    if (run.mapRun?.mapRunArn === mapRunArn) tries.push(...(run.mapRun.tries ?? []));
  }
  return tries;
}
