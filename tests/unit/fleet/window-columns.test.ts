import { describe, expect, it } from "vitest";
import type { ExecutionStatusName, ExecutionSummary } from "@/lib/contract/api";
import { mergeExecution } from "@/lib/events";
import { isError, resolveWindow, summariseColumns, summariseMachine } from "@/lib/metrics";
import { failingSinceOfColumns } from "@/lib/metrics/failing-since";
import { MachineIndex } from "@/lib/server/fleet/machine-index";
import { WindowColumns } from "@/lib/server/fleet/window-columns";
import { stubPersistence } from "../../support/stub-persistence";

const MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
const NOW = Date.UTC(2026, 10, 25, 14, 7, 30);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A store-backed index's path: no objects kept, so every merge reads its `known` from the columns. */
const columnsOnly = stubPersistence();

/** A small seeded generator, so a failure names a corpus that can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const exec = (i: number, over: Partial<ExecutionSummary> & { status: ExecutionStatusName; startedAt: number }): ExecutionSummary => ({
  arn: `${MACHINE.replace(":stateMachine:", ":execution:")}:run-${i}`,
  name: `run-${i}`,
  stateMachineArn: MACHINE,
  ...over,
});

/**
 * What an account tells the index about a week of executions, late, twice and out of order: a
 * first RUNNING page and a later end for most, redrives (failed, then running again under the
 * same ARN, then an end), stale RUNNING pages after the end, starts on the window's edges and
 * after now (clock skew), stops before starts.
 */
function observations(seed: number, n: number): ExecutionSummary[] {
  const next = random(seed);
  const out: ExecutionSummary[] = [];
  const ends: ExecutionStatusName[] = ["SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];
  const edges = [NOW - DAY, NOW - HOUR, NOW, NOW + 5_000, NOW - 7 * DAY];
  for (let i = 0; i < n; i++) {
    const startedAt = i % 97 === 0 ? edges[i % edges.length] : NOW - Math.floor(next() * 7 * DAY);
    const duration = i % 211 === 0 ? -500 : Math.floor(next() * 600_000);
    const end = ends[Math.floor(next() * ends.length)];
    const finished = exec(i, { status: end, startedAt, stoppedAt: startedAt + duration, redriveCount: 0 });
    const running = exec(i, { status: "RUNNING", startedAt });
    const r = next();
    if (r < 0.1) out.push(running); // still running
    else if (r < 0.2 && isError(end)) {
      // Redriven: fails, runs again, then ends (or is still pending), with a stale first-try RUNNING among them.
      out.push(running, finished, exec(i, { status: "RUNNING", startedAt, redriveCount: 1 }), running);
      const again = ends[Math.floor(next() * ends.length)];
      if (next() < 0.8) out.push(exec(i, { status: again, startedAt, stoppedAt: startedAt + duration + 60_000, redriveCount: 1, error: isError(again) ? "Again" : undefined }));
    } else if (r < 0.25) out.push(exec(i, { status: "PENDING_REDRIVE", startedAt, redriveCount: 0 }));
    else out.push(running, finished, running, { ...finished, error: isError(end) ? "States.TaskFailed" : undefined });
  }
  // Shuffled by blocks: pages and events arrive out of order.
  for (let i = out.length - 1; i > 0; i--) {
    if (next() < 0.3) {
      const j = Math.max(0, i - Math.floor(next() * 5));
      [out[i], out[j]] = [out[j], out[i]];
    }
  }
  return out;
}

/** The fold as it was: one merged object per execution, the window's slice newest first, summarised. */
function objectFold(seen: readonly ExecutionSummary[], from: number, to: number, window: ReturnType<typeof resolveWindow>) {
  const byArn = new Map<string, ExecutionSummary>();
  for (const e of seen) {
    const merged = mergeExecution(byArn.get(e.arn), e);
    if (merged) byArn.set(e.arn, merged);
  }
  const newestFirst = [...byArn.values()].sort((a, b) => b.startedAt - a.startedAt || (a.arn < b.arn ? -1 : 1));
  const counted = newestFirst.filter((e) => e.startedAt >= from && e.startedAt <= to);
  let failing: number | undefined;
  // Ties in start: a success counts as the newer (the columns know no ARN to order by).
  const outcomeOrder = [...newestFirst].sort((a, b) => b.startedAt - a.startedAt || Number(isError(a.status)) - Number(isError(b.status)));
  for (const e of outcomeOrder) {
    if (e.status === "RUNNING" || e.status === "PENDING_REDRIVE") continue;
    if (!isError(e.status)) break;
    failing = e.startedAt;
  }
  return { summary: summariseMachine(counted, window, NOW), failingSince: failing, size: byArn.size };
}

describe("the window's columns fold to the figures the objects gave", () => {
  for (const [seed, windowName, completeFrom] of [
    [1, "24h", -Infinity],
    [2, "7d", -Infinity],
    [3, "1h", -Infinity],
    [4, "24h", NOW - 6 * HOUR],
  ] as const) {
    it(`seed ${seed}, ${windowName} window${completeFrom > -Infinity ? ", counted from where the index is complete" : ""}`, () => {
      const seen = observations(seed, 5_000);
      const index = new MachineIndex(MACHINE, columnsOnly);
      for (let i = 0; i < seen.length; i += 50) index.absorb(seen.slice(i, i + 50));
      const window = resolveWindow(windowName, NOW);
      const from = Math.max(window.from, completeFrom);
      const expected = objectFold(seen, from, window.to, window);
      expect(index.columns.length).toBe(expected.size);
      expect(summariseColumns(index.columns, window, NOW, { from, to: window.to })).toEqual(expected.summary);
      expect(failingSinceOfColumns(index.columns)).toBe(expected.failingSince);
    });
  }

  it("says when a machine started failing, and not while it succeeds", () => {
    const index = new MachineIndex(MACHINE, columnsOnly);
    index.absorb([
      exec(1, { status: "FAILED", startedAt: NOW - 10 * HOUR, stoppedAt: NOW - 10 * HOUR + 1 }),
      exec(2, { status: "SUCCEEDED", startedAt: NOW - 5 * HOUR, stoppedAt: NOW - 5 * HOUR + 1 }),
      exec(3, { status: "TIMED_OUT", startedAt: NOW - 3 * HOUR, stoppedAt: NOW - 3 * HOUR + 1 }),
      exec(4, { status: "RUNNING", startedAt: NOW - HOUR }),
      exec(5, { status: "FAILED", startedAt: NOW - 2 * HOUR, stoppedAt: NOW - 2 * HOUR + 1 }),
    ]);
    expect(failingSinceOfColumns(index.columns)).toBe(NOW - 3 * HOUR);
    index.absorb([exec(3, { status: "RUNNING", startedAt: NOW - 3 * HOUR, redriveCount: 1 }), exec(3, { status: "SUCCEEDED", startedAt: NOW - 3 * HOUR, stoppedAt: NOW, redriveCount: 1 })]);
    expect(failingSinceOfColumns(index.columns)).toBe(NOW - 2 * HOUR);
  });
});

describe("WindowColumns", () => {
  it("changes an execution in place: a redrive sends it back to running, its end brings the new stop", () => {
    const index = new MachineIndex(MACHINE, columnsOnly);
    index.absorb([exec(1, { status: "RUNNING", startedAt: NOW - HOUR })]);
    index.absorb([exec(1, { status: "FAILED", startedAt: NOW - HOUR, stoppedAt: NOW - HOUR + 10 })]);
    expect(index.columns.length).toBe(1);
    expect(index.columns.facts(0)).toEqual({ status: "FAILED", startedAt: NOW - HOUR, stoppedAt: NOW - HOUR + 10 });
    // A stale page from before the failure changes nothing.
    index.absorb([exec(1, { status: "RUNNING", startedAt: NOW - HOUR })]);
    expect(index.columns.facts(0).status).toBe("FAILED");
    index.absorb([exec(1, { status: "RUNNING", startedAt: NOW - HOUR, redriveCount: 1 })]);
    expect(index.columns.facts(0)).toEqual({ status: "RUNNING", startedAt: NOW - HOUR, redriveCount: 1 });
    index.absorb([exec(1, { status: "SUCCEEDED", startedAt: NOW - HOUR, stoppedAt: NOW, redriveCount: 1 })]);
    expect(index.columns.length).toBe(1);
    expect(index.columns.facts(0)).toEqual({ status: "SUCCEEDED", startedAt: NOW - HOUR, stoppedAt: NOW, redriveCount: 1 });
  });

  it("finds each of 200,000 executions again after growing, at under 40 bytes an execution", () => {
    const columns = new WindowColumns();
    const n = 200_000;
    for (let i = 0; i < n; i++) columns.set(`arn:aws:states:us-east-1:123456789012:execution:orders:run-${i}`, { status: "SUCCEEDED", startedAt: i, stoppedAt: i + 1 });
    expect(columns.length).toBe(n);
    for (let i = 0; i < n; i += 997) expect(columns.facts(columns.slotOf(`arn:aws:states:us-east-1:123456789012:execution:orders:run-${i}`)).startedAt).toBe(i);
    expect(columns.slotOf("arn:aws:states:us-east-1:123456789012:execution:orders:never")).toBe(-1);
    // Capacity doubles: at worst half used. 27 bytes of columns and 8 of hash table an execution when full.
    expect(columns.byteLength / n).toBeLessThan(2 * 35 + 1);
  });

  it("adopts a snapshot's 20,000 executions in the room they need, and finds each of them", () => {
    const written = new WindowColumns();
    const n = 20_000;
    for (let i = 0; i < n; i++) written.set(`run-${i}`, { status: i % 9 ? "SUCCEEDED" : "FAILED", startedAt: i, stoppedAt: i + 5 });
    const restarted = new WindowColumns();
    restarted.adopt(written.arrays());
    expect(restarted.length).toBe(n);
    for (let i = 0; i < n; i += 101) expect(restarted.facts(restarted.slotOf(`run-${i}`))).toEqual(written.facts(written.slotOf(`run-${i}`)));
    // 27 bytes of columns with a sixteenth to spare, and a hash table at most half full
    // (a doubled capacity would be 32,768 slots: 57 bytes an execution).
    expect(restarted.byteLength / n).toBeLessThan(45);
    restarted.set("run-new", { status: "RUNNING", startedAt: n });
    expect(restarted.facts(restarted.slotOf("run-new")).status).toBe("RUNNING");
  });

  it("says whether it holds any execution of some statuses, as a failure changes and leaves", () => {
    const columns = new WindowColumns();
    for (let i = 0; i < 100; i++) columns.set(`run-${i}`, { status: "SUCCEEDED", startedAt: i, stoppedAt: i + 1 });
    expect(columns.hasAnyStatus(["FAILED", "TIMED_OUT"])).toBe(false);
    columns.set("run-7", { status: "TIMED_OUT", startedAt: 7, stoppedAt: 9 });
    expect(columns.hasAnyStatus(["FAILED", "TIMED_OUT"])).toBe(true);
    expect(columns.hasAnyStatus(["FAILED"])).toBe(false);
    columns.remove(["run-7"]);
    expect(columns.hasAnyStatus(["FAILED", "TIMED_OUT"])).toBe(false);
  });

  it("drops what left the window and still finds the rest", () => {
    const columns = new WindowColumns();
    for (let i = 0; i < 1_000; i++) columns.set(`run-${i}`, { status: "RUNNING", startedAt: i });
    expect(columns.removeWhere((slot) => columns.startedAt[slot] < 900)).toBe(900);
    expect(columns.length).toBe(100);
    expect(columns.oldestStart()).toBe(900);
    expect(columns.slotOf("run-5")).toBe(-1);
    expect(columns.facts(columns.slotOf("run-950")).startedAt).toBe(950);
    columns.set("run-5", { status: "FAILED", startedAt: 5 });
    expect(columns.length).toBe(101);
  });
});
