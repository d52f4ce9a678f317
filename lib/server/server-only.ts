/**
 * Marks a module as server only. Imported first by every module of lib/server and lib/store:
 * it fails loudly if a bundle for the browser ever pulls one in. The import-boundary test
 * (tests/unit/boundaries) catches the same mistake before anything runs; this is the run-time
 * backstop. (The `server-only` package throws outside React Server Components, which rules
 * it out for vitest, tsx scripts and instrumentation, where these modules also run.)
 */
if (typeof window !== "undefined") {
  throw new Error("A server-only module (lib/server, lib/store) was bundled for the browser.");
}

export {};
