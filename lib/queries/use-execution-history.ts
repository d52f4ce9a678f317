"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { HistoryResponse } from "@/lib/contract/api";
import type { HistoryEvent } from "@/lib/history/events";
import type { ExecutionModel } from "@/lib/history/model";
import { applyEvents, foldHistory } from "@/lib/history";
import { foldOptionsFor } from "@/lib/postmortem/branch-identity";
import { apiPaths } from "./paths";
import { fetchJson } from "./fetch-json";
import { queryKeys } from "./keys";

export interface SyncedHistory {
  events: HistoryEvent[];
  model: ExecutionModel;
  finished: boolean;
  lastEventId: number;
  /** When the last increment arrived (browser clock), to say how fresh a running view is. */
  syncedAt: number;
}

const POLL_RUNNING_MS = 2_000;

/**
 * The execution's history, kept in sync incrementally: the first fetch takes every event, each
 * poll after asks only for events after the last id seen and folds just those into the model
 * (`applyEvents`, O(new events)). Polling stops once the execution has finished. A failed poll
 * keeps what was already shown (react-query keeps `data`; the page says it is stale).
 */
export function useExecutionHistory(arn: string, enabled = true, definition?: string) {
  const client = useQueryClient();
  const key = queryKeys.history(arn);
  return useQuery({
    queryKey: key,
    enabled,
    queryFn: async ({ signal }): Promise<SyncedHistory> => {
      const previous = client.getQueryData<SyncedHistory>(key);
      if (previous?.finished) return previous;
      const page = await fetchJson<HistoryResponse>(apiPaths.history(arn, previous?.lastEventId), { signal });
      if (!previous) {
        return {
          events: page.events,
          model: foldHistory(page.events, foldOptionsFor(definition)),
          finished: page.finished,
          lastEventId: lastId(page.events, 0),
          syncedAt: Date.now(),
        };
      }
      const fresh = page.events.filter((e) => e.id > previous.lastEventId);
      return {
        events: fresh.length ? previous.events.concat(fresh) : previous.events,
        model: fresh.length ? applyEvents(previous.model, fresh) : previous.model,
        finished: page.finished,
        lastEventId: lastId(fresh, previous.lastEventId),
        syncedAt: Date.now(),
      };
    },
    refetchInterval: (query) => (query.state.data?.finished ? false : POLL_RUNNING_MS),
    staleTime: Infinity,
    // The model carries the fold's hidden incremental state (a non-enumerable symbol); react-query's
    // structural sharing would copy it into a plain object and lose it, so keep our own objects.
    structuralSharing: false,
  });
}

function lastId(events: HistoryEvent[], fallback: number): number {
  let max = fallback;
  for (const e of events) if (e.id > max) max = e.id;
  return max;
}
