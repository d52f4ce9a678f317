"use client";

import { useEffect, useState } from "react";

/** The wall clock, re-read every `intervalMs` (0 stops it): durations of running things tick. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!intervalMs) return;
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
