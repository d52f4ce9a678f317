// The one command that runs the production server, for `npm start`, the tests and the bench alike,
// so what is measured is what people run.
//
// The heap flags: Stepscope is a long-lived server whose live heap is small (about 70 MB with a
// million executions indexed) but whose every /api/fleet answer allocates afresh. With V8's
// defaults the heap was let grow to four times the live size between full collections: RSS 474 MB
// under a steady load of fleet requests on Postgres. --heap-growing-percent=20 lets the old
// generation grow only a fifth past what the last full collection kept, and
// --max-semi-space-size=4 (MB) keeps the young generation a quarter of its default. Both set no
// ceiling, so a bigger account grows the heap rather than crashing it. Measured on SQLite with a
// million executions: RSS 233 MB (287 MB with the growth flag alone), fleet p50
// unchanged. --optimize-for-size, used before, kept RSS at 210 MB but made everything the
// server computes slower, not just its collections: the demo's first complete fleet took 35 s
// against 20 s with these flags (13 s with V8's defaults).
// STEPSCOPE_NODE_FLAGS replaces these flags (set it to an empty string for V8's defaults).
import path from "node:path";

export const DEFAULT_SERVER_NODE_FLAGS = ["--heap-growing-percent=20", "--max-semi-space-size=4"];

/** Node's argument list for `next start` on host:port: flags, the Next.js binary, its arguments. */
export function serverArgs(host, port, env = process.env) {
  const flags = env.STEPSCOPE_NODE_FLAGS === undefined ? DEFAULT_SERVER_NODE_FLAGS : env.STEPSCOPE_NODE_FLAGS.split(/\s+/).filter(Boolean);
  return [...flags, path.join("node_modules", "next", "dist", "bin", "next"), "start", "-H", host, "-p", String(port)];
}
