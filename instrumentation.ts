/**
 * Runs once when the Next server starts. Next compiles this file for the edge runtime too: the
 * Node server's start-up lives in lib/server/boot.ts, imported only where NEXT_RUNTIME is
 * "nodejs" (a condition Next resolves at build time, so the edge bundle holds none of it).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await (await import("./lib/server/boot")).boot();
  }
}
