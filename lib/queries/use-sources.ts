"use client";

import { useQuery } from "@tanstack/react-query";
import type { SourceInfo, SourceScope, SourcesResponse } from "@/lib/contract/api";
import { scopeFromSourceInfo } from "@/lib/scopes/single-source";
import { ApiError } from "./api-error";
import { fetchJson } from "./fetch-json";
import { apiPaths } from "./paths";
import { queryKeys } from "./keys";

const REFRESH_MS = 15_000;

export interface SourcesAnswer {
  scopes: SourceScope[];
  fetchedAt: number;
  /** True when the server knows one source only and has no /api/sources. */
  single: boolean;
}

async function fetchSources(signal: AbortSignal): Promise<SourcesAnswer> {
  try {
    const answer = await fetchJson<SourcesResponse>(apiPaths.sources(), { signal });
    return { scopes: answer.sources, fetchedAt: answer.fetchedAt, single: false };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    const info = await fetchJson<SourceInfo>(apiPaths.source(), { signal });
    return { scopes: [scopeFromSourceInfo(info)], fetchedAt: Date.now(), single: true };
  }
}

/** Every scope the server reads, with its health; one shared query, refreshed every few seconds. */
export function useSources() {
  return useQuery({
    queryKey: queryKeys.sources(),
    queryFn: ({ signal }) => fetchSources(signal),
    refetchInterval: REFRESH_MS,
  });
}
