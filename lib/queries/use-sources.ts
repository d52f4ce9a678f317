"use client";

import { useSyncExternalStore } from "react";
import { useQuery } from "@tanstack/react-query";
import type { SourceInfo, SourceScope, SourcesResponse } from "@/lib/contract/api";
import { scopeFromSourceInfo } from "@/lib/scopes/single-source";
import { ApiError } from "./api-error";
import { fetchJson } from "./fetch-json";
import { apiPaths } from "./paths";
import { queryKeys } from "./keys";

const REFRESH_MS = 15_000;
/** While a scope has not answered yet, its first answer is a few seconds away. */
const LOADING_REFRESH_MS = 2_000;

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

const never = () => () => undefined;

/**
 * Every scope the server reads, with its health; one shared query, refreshed every few seconds.
 * The header and the page use it from different Suspense boundaries: the first to hydrate starts
 * the fetch, and an answer that came before the other had hydrated would make it differ from the
 * server's HTML. So no data is shown until this component has hydrated.
 */
export function useSources() {
  const hydrated = useSyncExternalStore(never, () => true, () => false);
  const query = useQuery({
    queryKey: queryKeys.sources(),
    queryFn: ({ signal }) => fetchSources(signal),
    refetchInterval: (query) => (query.state.data?.scopes.some((s) => s.health.state === "loading") ? LOADING_REFRESH_MS : REFRESH_MS),
  });
  return hydrated ? query : { ...query, data: undefined, error: null };
}
