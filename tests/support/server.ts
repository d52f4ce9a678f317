/**
 * Stepscope's production build under `next start`, for tests that need the real server
 * (instrumentation, route handlers, env). It never builds: the test script builds once into
 * STEPSCOPE_DIST_DIR (default `.next-test`) before the tests run.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
// @ts-expect-error: a plain .mjs helper shared with npm start, so tests run the server people run
import { serverArgs } from "../../scripts/server-command.mjs";
import { SHUTDOWN_GRACE_MS } from "@/lib/server/clean-shutdown";
import { freePort, waitUntil } from "./free-port";

export interface StepscopeServer {
  url: string;
  /** The `next start` process (the server runs in it). */
  pid: number;
  /** Everything the server printed, for assertions and failure messages. */
  output(): string;
  /**
   * The output once the process has ended, or after `withinMs` if it has not: a request fails
   * on a reset connection before a crashed server's last words and its exit status arrive.
   */
  finalOutput(withinMs?: number): Promise<string>;
  stop(): Promise<void>;
  /** Kills the server with a signal, as a crash would (SIGKILL: no shutdown code runs); resolves when it exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  port?: number;
  /** The status /api/source answers once the server is up (401 when a token is required). */
  ready?: number;
}

// Tests run from the repository root (npm test, vitest).
const ROOT = process.cwd();

export function distDir(): string {
  return process.env.STEPSCOPE_DIST_DIR || ".next-test";
}

export async function startStepscope(options: StartOptions = {}): Promise<StepscopeServer> {
  const dist = distDir();
  if (!existsSync(path.join(ROOT, dist, "BUILD_ID"))) {
    throw new Error(
      `No production build in ${dist}/. Run \`STEPSCOPE_DIST_DIR=${dist} npm run build\` first (npm test does it for you).`,
    );
  }
  const port = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env, STEPSCOPE_DIST_DIR: dist, NODE_ENV: "production" };
  // The child's source is decided by what the test passes, not by whatever the shell had.
  for (const key of ["STEPSCOPE_SOURCE", "AWS_ENDPOINT_URL_SFN", "AWS_ENDPOINT_URL"]) delete env[key];
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const child = spawn(process.execPath, serverArgs("127.0.0.1", port, env), {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  // A server that dies on its own (a crash, the kernel's OOM killer) prints nothing itself: say
  // how it ended, so a failure message shows more than a reset connection.
  child.once("exit", (code, signal) => {
    output = (output + `\n[next start exited: ${signal ? `signal ${signal}` : `code ${code}`}]\n`).slice(-20_000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      // A clean stop may take the server's whole grace (its poller finishing a round on a busy
      // machine); only past that is it stuck. CI once cut a clean stop short at 5 s.
      const timer = setTimeout(() => child.kill("SIGKILL"), SHUTDOWN_GRACE_MS + 5_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  try {
    await waitUntil(
      async () => (await fetch(`${url}/api/source`)).status === (options.ready ?? 200),
      60_000,
      "Stepscope (next start)",
      () => (child.exitCode !== null ? `exited with code ${child.exitCode}` : undefined),
    );
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  const kill = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  const finalOutput = (withinMs = 2_000) =>
    new Promise<string>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(output);
      const timer = setTimeout(() => resolve(output), withinMs);
      // After "exit", stdio may still hold the last lines: "close" comes once the pipes are drained.
      child.once("close", () => {
        clearTimeout(timer);
        resolve(output);
      });
    });
  return { url, output: () => output, finalOutput, stop, kill, pid: child.pid ?? -1 };
}
