"use client";

import { useSearchParams } from "next/navigation";

/** The page's `source=` (the scope it was opened for), to pass on to the links it shows. */
export function usePageSource(): string | undefined {
  return useSearchParams().get("source") ?? undefined;
}
