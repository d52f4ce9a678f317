"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { MapRunResponse } from "@/lib/contract/api";
import { nameFromArn } from "@/lib/format/arn";
import { apiPaths, fetchJson, queryKeys } from "@/lib/queries";
import { childExecutionHref } from "./MapRunPanel";

/**
 * On a distributed Map's child execution: the way back to the parent, at the Map state that
 * ran it. The parent is the map run's (DescribeMapRun); the Map state's name is the map run
 * ARN's label when the definition set none other.
 */
export function ParentExecutionLink({ mapRunArn }: { mapRunArn: string | undefined }) {
  const mapRun = useQuery({
    queryKey: queryKeys.mapRun(mapRunArn ?? ""),
    enabled: !!mapRunArn,
    queryFn: ({ signal }) => fetchJson<MapRunResponse>(apiPaths.mapRun(mapRunArn!), { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const parent = mapRun.data?.mapRun.executionArn;
  if (!mapRunArn || !parent) return null;
  return (
    <Link className="button" href={childExecutionHref(parent)} data-testid="parent-execution-link" title={`Child execution of the map run ${mapRunArn}`}>
      ↑ Parent {nameFromArn(parent)}
    </Link>
  );
}
