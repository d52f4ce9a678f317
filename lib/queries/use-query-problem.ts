"use client";

import { useRef } from "react";

interface QueryLike {
  error: unknown;
  failureReason: unknown;
  dataUpdatedAt: number;
}

/**
 * The problem a page should show for a query, from its first failed attempt on, until an answer
 * arrives. react-query only sets `error` once every retry has failed (seconds later), and a
 * refetch of a query that never had data resets it to "pending": a page that read `error` alone
 * said "Loading…" through an outage, then flipped between Loading and the problem on each poll.
 */
export function useQueryProblem(query: QueryLike): unknown {
  const last = useRef<{ problem: unknown; dataUpdatedAt: number }>({ problem: undefined, dataUpdatedAt: 0 });
  const current = query.error ?? query.failureReason ?? undefined;
  if (current) last.current = { problem: current, dataUpdatedAt: query.dataUpdatedAt };
  // A newer answer than the one the problem was seen with clears it.
  else if (query.dataUpdatedAt > last.current.dataUpdatedAt) last.current = { problem: undefined, dataUpdatedAt: query.dataUpdatedAt };
  return last.current.problem;
}
