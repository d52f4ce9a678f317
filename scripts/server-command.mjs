// The one command that runs the production server, for `npm start`, the tests and the bench alike,
// so what is measured is what people run.
//
// --optimize-for-size: Stepscope is a long-lived server whose live heap is small (about 70 MB
// with a million executions indexed) but whose every /api/fleet answer allocates afresh. With
// V8's defaults the heap was let grow to four times the live size between full collections: RSS
// 474 MB under a steady load of fleet requests on Postgres. With this flag it stayed at 165 MB,
// for about 15% more time per answer (p50 111 ms against 94 ms over seven days). It sets no
// ceiling, so a bigger account grows the heap rather than crashing it.
// STEPSCOPE_NODE_FLAGS replaces these flags (set it to an empty string for V8's defaults).
import path from "node:path";

export const DEFAULT_SERVER_NODE_FLAGS = ["--optimize-for-size"];

/** Node's argument list for `next start` on host:port: flags, the Next.js binary, its arguments. */
export function serverArgs(host, port, env = process.env) {
  const flags = env.STEPSCOPE_NODE_FLAGS === undefined ? DEFAULT_SERVER_NODE_FLAGS : env.STEPSCOPE_NODE_FLAGS.split(/\s+/).filter(Boolean);
  return [...flags, path.join("node_modules", "next", "dist", "bin", "next"), "start", "-H", host, "-p", String(port)];
}
