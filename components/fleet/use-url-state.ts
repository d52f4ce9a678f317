"use client";

import { useCallback } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** The page's URL parameters, and a way to change some of them without scrolling or a history entry. */
export function useUrlState(): { params: URLSearchParams; update(change: (params: URLSearchParams) => void): void } {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const update = useCallback(
    (change: (params: URLSearchParams) => void) => {
      const next = new URLSearchParams(searchParams.toString());
      change(next);
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [pathname, router, searchParams],
  );
  return { params: new URLSearchParams(searchParams.toString()), update };
}
