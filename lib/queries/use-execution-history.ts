"use client";

import { useCallback, useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { HistoryResponse } from "@/lib/contract/api";
import type { HistoryEvent } from "@/lib/history/events";
import type { ExecutionModel } from "@/lib/history/model";
import { applyEvents, foldHistory } from "@/lib/history";
import { foldOptionsFor } from "@/lib/postmortem/branch-identity";
import { apiPaths } from "./paths";
import { fetchJson } from "./fetch-json";
import { queryKeys } from "./keys";
import { historyGaveUp, nextHistoryPoll } from "./history-poll";
import { isFinished } from "@/lib/history/finished";

export interface SyncedHistory {
  events: HistoryEvent[];
  model: ExecutionModel;
  finished: boolean;
  lastEventId: number;
  /** When the last increment arrived (browser clock), to say how fresh a running view is. */
  syncedAt: number;
}


/**
 * The execution's history, kept in sync incrementally: the first fetch takes every event, each
 * poll after asks only for events after the last id seen and folds just those into the model
 * (`applyEvents`, O(new events)). Polling stops once the execution has finished — when the API
 * says so or when the history holds its terminal event, whichever comes first. A failed poll
 * keeps what was already shown (react-query keeps `data`; the page says it is stale) and backs
 * off; for an execution that has ended it gives up after a few failures (`gaveUp`), until
 * `retry()`. `definition` numbers Parallel branches (see lib/postmortem/branch-identity).
 */
export function useExecutionHistory(arn: string, enabled = true, definition?: string, executionEnded = false) {
  const client = useQueryClient();
  const key = queryKeys.history(arn);
  const failures = useRef(0);
  const query = useQuery({
    queryKey: key,
    enabled,
    queryFn: async ({ signal }): Promise<SyncedHistory> => {
      try {
        const synced = await sync(client.getQueryData<SyncedHistory>(key), arn, definition, signal);
        failures.current = 0;
        return synced;
      } catch (err) {
        if (!signal.aborted) failures.current++;
        throw err;
      }
    },
    // The back-off is ours (nextHistoryPoll), so one failure is one try.
    retry: false,
    refetchInterval: (q) => nextHistoryPoll({ finished: !!q.state.data?.finished, executionEnded: executionEnded || !!q.state.data?.finished, consecutiveFailures: failures.current }),
    staleTime: Infinity,
    // The model carries the fold's hidden incremental state (a non-enumerable symbol); react-query's
    // structural sharing would copy it into a plain object and lose it, so keep our own objects.
    structuralSharing: false,
  });
  const gaveUp = historyGaveUp({ finished: !!query.data?.finished, executionEnded, consecutiveFailures: failures.current });
  const { refetch } = query;
  const retry = useCallback(() => {
    failures.current = 0;
    void refetch();
  }, [refetch]);
  return { ...query, gaveUp, retry };
}

async function sync(previous: SyncedHistory | undefined, arn: string, definition: string | undefined, signal: AbortSignal): Promise<SyncedHistory> {
  if (previous?.finished) return previous;
  const page = await fetchJson<HistoryResponse>(apiPaths.history(arn, previous?.lastEventId), { signal });
  if (!previous) {
    const model = foldHistory(page.events, foldOptionsFor(definition));
    return { events: page.events, model, finished: page.finished || isFinished(model), lastEventId: lastId(page.events, 0), syncedAt: Date.now() };
  }
  const fresh = page.events.filter((e) => e.id > previous.lastEventId);
  const model = fresh.length ? applyEvents(previous.model, fresh) : previous.model;
  return {
    events: fresh.length ? previous.events.concat(fresh) : previous.events,
    model,
    finished: page.finished || isFinished(model),
    lastEventId: lastId(fresh, previous.lastEventId),
    syncedAt: Date.now(),
  };
}

function lastId(events: HistoryEvent[], fallback: number): number {
  let max = fallback;
  for (const e of events) if (e.id > max) max = e.id;
  return max;
}
