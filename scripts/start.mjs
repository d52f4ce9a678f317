// `npm start`: build when needed, then serve the dashboard. Binds to 127.0.0.1 unless
// STEPSCOPE_HOST says otherwise: Stepscope shows production payloads and must not be reachable
// from the network by accident.
import { spawn } from "node:child_process";
import { buildIfStale } from "./build-if-stale.mjs";
import { serverArgs } from "./server-command.mjs";

const host = process.env.STEPSCOPE_HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
const distDir = process.env.STEPSCOPE_DIST_DIR || ".next";
const loopback = ["127.0.0.1", "localhost", "::1"].includes(host);

if (!loopback && !process.env.STEPSCOPE_TOKEN) {
  console.warn(
    `\n[stepscope] WARNING: listening on ${host} without STEPSCOPE_TOKEN. Anyone who can reach this ` +
      `address can read your executions' payloads. Set STEPSCOPE_TOKEN or bind to 127.0.0.1.\n`,
  );
}

if (!loopback && !process.env.STEPSCOPE_ALLOWED_HOSTS) {
  console.warn(
    `[stepscope] Only requests for localhost, 127.0.0.1, [::1]${["0.0.0.0", "::"].includes(host) ? "" : ` and ${host}`} are answered. ` +
      `List the names people use to reach this server in STEPSCOPE_ALLOWED_HOSTS (comma-separated).`,
  );
}

buildIfStale(distDir);

const child = spawn(process.execPath, serverArgs(host, port), {
  stdio: "inherit",
  env: { ...process.env, STEPSCOPE_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
