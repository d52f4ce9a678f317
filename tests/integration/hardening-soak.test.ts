/**
 * A soak of fast traffic over many distinct demo executions (the demo account has thousands)
 * against the production server in emulator mode: its memory stays flat once warm, because
 * the shared cache is bounded in bytes.
 * RSS of the server process (and its children) is sampled from /proc (Linux) every 2 s for
 * 75 s, with the server's V8 old space capped at 192 MiB (without a cap V8 grows its heap
 * lazily for a minute or more, which looks like a leak and is not). The first third is
 * warm-up; the mean of the last three samples must stay within 20% of the mean of the three
 * around the one-third mark, and under 600 MiB. Measured: ~150 MiB flat from 10 s on.
 * Every listed execution's history is read; one in four also gets its description, because
 * opening more than one new execution a second is throttled by the client-side quota for
 * DescribeStateMachineForExecution (200/1): those answers are 503 THROTTLED, part of the traffic.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionsResponse, StateMachinesResponse } from "@/lib/contract/api";
import { startEmulatorServer, type EmulatorServer } from "@/mocks";
import { startStepscope, type StepscopeServer } from "../support/server";

const SOAK_MS = 75_000;
/** Where warm-up is taken to end (measured with the capped heap: RSS is flat after 5–10 s). */
const WARM_FRACTION = 1 / 3;
const SAMPLE_MS = 2_000;
const CLIENTS = 3;

/** Resident memory (KiB) of the process listening on `port` and its children. */
function rssKiB(port: number): number {
  const procs = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  const read = (pid: string, file: string) => {
    try {
      return readFileSync(pid === "net" ? `/proc/net/${file}` : `/proc/${pid}/${file}`, "utf8");
    } catch {
      return "";
    }
  };
  // `next start` renames its process, so find it by the socket listening on the port.
  const portHex = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set(
    ["tcp", "tcp6"].flatMap((t) =>
      read("net", t)
        .split("\n")
        .map((line) => line.trim().split(/\s+/))
        .filter((f) => f[1]?.endsWith(`:${portHex}`) && f[3] === "0A")
        .map((f) => f[9]),
    ),
  );
  const root = procs.find((pid) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return inodes.has(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? "");
        } catch {
          return false;
        }
      });
    } catch {
      return false;
    }
  });
  if (!root) throw new Error(`No next start process for port ${port}`);
  const parentOf = new Map(procs.map((pid) => [pid, read(pid, "stat").split(") ")[1]?.split(" ")[1]]));
  const family = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parentOf) if (parent && family.has(parent) && !family.has(pid)) family.add(pid), (grew = true);
  }
  let total = 0;
  for (const pid of family) total += Number(/VmRSS:\s+(\d+)/.exec(read(pid, "status"))?.[1] ?? 0);
  return total;
}

describe("soak", () => {
  let server: StepscopeServer;
  let emulator: EmulatorServer;
  beforeAll(async () => {
    // The demo account runs in the emulator (this process), so the server's RSS is Stepscope's alone.
    emulator = await startEmulatorServer({ port: 0, seed: 42 });
    // The smallest cache budget, so that it fills early and eviction is exercised all along.
    // A capped V8 heap makes the collector work instead of growing lazily, so RSS reflects what is
    // actually kept; a leak would run out of heap and fail the requests.
    server = await startStepscope({
      env: { AWS_ENDPOINT_URL_SFN: emulator.url, STEPSCOPE_CACHE_MB: "1", NODE_OPTIONS: "--max-old-space-size=192" },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await emulator?.close();
  });

  it(`keeps memory flat over ${SOAK_MS / 1000} s of traffic across hundreds of distinct executions`, async () => {
    const port = Number(new URL(server.url).port);
    const statuses: Record<string, number> = {};
    const get = async <T>(path: string): Promise<T | undefined> => {
      const started = Date.now();
      const res = await fetch(`${server.url}${path}`);
      const kind = `${path.split("?")[0].replace(/\/api\/(executions|state-machines)\/[^/]+/, "/api/$1/*")} ${res.status}`;
      statuses[kind] = (statuses[kind] ?? 0) + 1;
      statuses[`${kind} ms`] = (statuses[`${kind} ms`] ?? 0) + Date.now() - started;
      // Throttled or otherwise refused requests are part of the traffic; only a 500 is a failure.
      if (res.status === 500) throw new Error(`${path} answered 500: ${await res.text()}`);
      return res.ok ? ((await res.json()) as T) : undefined;
    };
    const { stateMachines } = (await get<StateMachinesResponse>("/api/state-machines"))!;
    const machines = stateMachines.filter((m) => m.type === "STANDARD").map((m) => m.arn);
    const deadline = Date.now() + SOAK_MS;
    const seen = new Set<string>();

    const client = async (offset: number) => {
      const cursors = new Map<string, string | undefined>();
      for (let i = offset; Date.now() < deadline; i++) {
        const machine = machines[i % machines.length];
        const cursor = cursors.get(machine);
        const page: ExecutionsResponse | undefined = await get<ExecutionsResponse>(
          `/api/state-machines/${encodeURIComponent(machine)}/executions?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        );
        cursors.set(machine, page?.nextCursor);
        for (const [n, execution] of (page?.executions ?? []).entries()) {
          if (Date.now() >= deadline) break;
          seen.add(execution.arn);
          await Promise.all([
            n % 4 === 0 ? get(`/api/executions/${encodeURIComponent(execution.arn)}`) : undefined,
            get(`/api/executions/${encodeURIComponent(execution.arn)}/history`),
          ]);
        }
        // The fleet page is left out on purpose: its index back-fills up to 7 days of executions
        // per machine over its first minutes (bounded, by design), which is growth, but not a leak.
        if (i % 10 === 0) await get("/api/state-machines");
      }
    };

    const samples: number[] = [];
    const sampler = (async () => {
      while (Date.now() < deadline) {
        samples.push(rssKiB(port));
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
      }
    })();
    await Promise.all([...Array.from({ length: CLIENTS }, (_, i) => client(i)), sampler]);

    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const mark = Math.floor(samples.length * WARM_FRACTION);
    const warm = mean(samples.slice(mark - 1, mark + 2));
    const end = mean(samples.slice(-3));
    console.log(
      `[soak] ${seen.size} distinct executions, RSS MiB when warm: ${(warm / 1024).toFixed(0)}, at end: ${(end / 1024).toFixed(0)}, samples: ${samples.map((s) => Math.round(s / 1024)).join(" ")}`,
    );
    console.log(`[soak] answers: ${JSON.stringify(statuses)}`);
    expect(seen.size).toBeGreaterThan(200);
    expect(Object.keys(statuses).some((k) => / 500$/.test(k))).toBe(false);
    expect(end).toBeLessThan(warm * 1.2);
    expect(end).toBeLessThan(600 * 1024);
  }, SOAK_MS + 60_000);
});
