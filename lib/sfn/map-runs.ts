/** ListMapRuns and DescribeMapRun (distributed Map: items run as child executions). */
import {
  DescribeMapRunCommand,
  type DescribeMapRunCommandOutput,
  ListMapRunsCommand,
  type ListMapRunsCommandOutput,
} from "@aws-sdk/client-sfn";
import type { MapRunDescription, MapRunSummary } from "@/lib/contract/api";
import { cached, send, type SfnContext } from "./context";
import { toMapRunDescription, toMapRunSummary } from "./convert";
import { TTL } from "./ttl";

/** Every map run of an execution, all pages. */
export function listMapRuns(ctx: SfnContext, executionArn: string): Promise<MapRunSummary[]> {
  return cached(ctx, `map-runs:${executionArn}`, TTL.runningMapRun, async () => {
    const all: MapRunSummary[] = [];
    let nextToken: string | undefined;
    do {
      const out = await send<ListMapRunsCommandOutput>(
        ctx,
        "ListMapRuns",
        new ListMapRunsCommand({ executionArn, maxResults: 1000, nextToken }),
      );
      for (const item of out.mapRuns ?? []) all.push(toMapRunSummary(item));
      nextToken = out.nextToken;
    } while (nextToken);
    return all;
  });
}

export function describeMapRun(ctx: SfnContext, mapRunArn: string): Promise<MapRunDescription> {
  return cached(
    ctx,
    `map-run:${mapRunArn}`,
    (d) => (d.status === "SUCCEEDED" || d.status === "ABORTED" ? TTL.finished : TTL.runningMapRun),
    async () =>
      toMapRunDescription(await send<DescribeMapRunCommandOutput>(ctx, "DescribeMapRun", new DescribeMapRunCommand({ mapRunArn }))),
  );
}
