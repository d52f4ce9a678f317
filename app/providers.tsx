"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { retryDelay, retryTransient } from "@/lib/queries";

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab. Errors never clear data: react-query keeps the last good
  // result while a refetch fails, and the pages show the error beside it.
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            retry: retryTransient,
            retryDelay,
            refetchOnWindowFocus: false,
            staleTime: 2_000,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
