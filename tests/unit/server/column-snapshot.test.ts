/**
 * A machine's columns as the block the store keeps: what a restart adopts folds to the figures
 * the index had, and any block this build cannot vouch for reads as none (the rows are then read).
 */
import { describe, expect, it } from "vitest";
import type { ExecutionSummary } from "@/lib/contract/api";
import { resolveWindow, summariseColumns, UNKNOWN_STATUS_CODE } from "@/lib/metrics";
import { decodeColumnSnapshot, encodeColumnSnapshot } from "@/lib/server/column-snapshot";
import { MachineIndex } from "@/lib/server/fleet/machine-index";
import type { ColumnSnapshot, StoredMachine } from "@/lib/server/fleet/persistence";
import { stubPersistence } from "../../support/stub-persistence";

const MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
const NOW = Date.UTC(2026, 11, 4, 9, 0, 0);
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

const exec = (i: number, over: Partial<ExecutionSummary>): ExecutionSummary => ({
  arn: `${MACHINE.replace(":stateMachine:", ":execution:")}:run-${i}`,
  name: `run-${i}`,
  stateMachineArn: MACHINE,
  status: "SUCCEEDED",
  startedAt: NOW - i * 60_000,
  stoppedAt: NOW - i * 60_000 + 5_000,
  ...over,
});

/** A week of one machine: successes, failures, a redriven one, a few still running, some with no redrive count. */
function week(n: number): ExecutionSummary[] {
  return Array.from({ length: n }, (_, i) =>
    i % 50 === 0
      ? exec(i, { status: "RUNNING", stoppedAt: undefined })
      : i % 13 === 0
        ? exec(i, { status: "FAILED", error: "States.TaskFailed", redriveCount: 0 })
        : i % 31 === 0
          ? exec(i, { status: "SUCCEEDED", redriveCount: 2 })
          : exec(i, { redriveCount: i % 2 ? undefined : 0 }),
  );
}

/** A store-less persistence whose load answers `stored` and that keeps what is saved. */
function persistenceLoading(stored: StoredMachine) {
  const snapshots: Uint8Array[] = [];
  return stubPersistence({
    snapshots,
    load: async () => stored,
    save: async (_arn: string, _changed: unknown, _checkpoint: unknown, snapshot?: ColumnSnapshot) => void (snapshot && snapshots.push(encodeColumnSnapshot(snapshot))),
    saveSnapshot: async (_arn: string, snapshot: ColumnSnapshot) => void snapshots.push(encodeColumnSnapshot(snapshot)),
  });
}

async function indexFrom(stored: StoredMachine): Promise<{ index: MachineIndex; persistence: ReturnType<typeof persistenceLoading> }> {
  const persistence = persistenceLoading(stored);
  const index = new MachineIndex(MACHINE, persistence);
  await index.ready(NOW - WEEK);
  return { index, persistence };
}

const figures = (index: MachineIndex, window = resolveWindow("7d", NOW)) => summariseColumns(index.columns, window, NOW, { from: window.from, to: window.to });

describe("a machine's columns kept as one block", () => {
  it("after a restart from rows, writes the block; a restart from the block folds to the same figures", async () => {
    const rows = week(2_000);
    const fromRows = await indexFrom({ executions: rows, readAt: NOW });
    expect(fromRows.persistence.snapshots).toHaveLength(1);
    const decoded = decodeColumnSnapshot(fromRows.persistence.snapshots[0])!;
    expect(decoded).toMatchObject({ windowFrom: NOW - WEEK, writtenUpTo: NOW });
    expect(decoded.running.map((e) => e.arn).sort()).toEqual(rows.filter((e) => e.status === "RUNNING").map((e) => e.arn).sort());

    const fromBlock = await indexFrom({ executions: [], snapshot: decoded, readAt: NOW + HOUR });
    // Nothing to write again: the block it read is what it holds.
    expect(fromBlock.persistence.snapshots).toHaveLength(0);
    expect(fromBlock.index.columns.length).toBe(2_000);
    for (const w of ["1h", "24h", "7d"] as const) expect(figures(fromBlock.index, resolveWindow(w, NOW))).toEqual(figures(fromRows.index, resolveWindow(w, NOW)));
    for (const e of [rows[0], rows[13], rows[31], rows[1]]) {
      const facts = fromBlock.index.columns.facts(fromBlock.index.columns.slotOf(e.arn));
      expect(facts).toEqual({ status: e.status, startedAt: e.startedAt, stoppedAt: e.stoppedAt, ...(e.redriveCount === undefined ? {} : { redriveCount: e.redriveCount }) });
    }
  });

  it("merges the rows written after the block on top of it, by the one merge rule", async () => {
    const rows = week(300);
    const { persistence } = await indexFrom({ executions: rows, readAt: NOW });
    const snapshot = decodeColumnSnapshot(persistence.snapshots[0])!;
    const later = [
      exec(0, { status: "FAILED", stoppedAt: NOW + 60_000, error: "Boom" }), // was RUNNING in the block
      exec(-5, { startedAt: NOW + 120_000, stoppedAt: NOW + 130_000 }), // started after the block
      exec(13, { status: "RUNNING", stoppedAt: undefined, redriveCount: 0 }), // a stale page: ranks below FAILED
    ];
    const { index } = await indexFrom({ executions: later, snapshot, readAt: NOW + HOUR });
    expect(index.columns.length).toBe(301);
    expect(index.columns.facts(index.columns.slotOf(later[0].arn)).status).toBe("FAILED");
    expect(index.columns.facts(index.columns.slotOf(later[2].arn)).status).toBe("FAILED");
    expect(index.columns.slotOf(later[1].arn)).toBeGreaterThanOrEqual(0);
  });

  it("drops what fell out of the window since the block was written", async () => {
    const rows = week(200);
    const { persistence } = await indexFrom({ executions: rows, readAt: NOW });
    const snapshot = decodeColumnSnapshot(persistence.snapshots[0])!;
    const persistence2 = persistenceLoading({ executions: [], snapshot });
    const index = new MachineIndex(MACHINE, persistence2);
    // A day later: 24 h of the oldest are past the horizon.
    await index.ready(NOW - WEEK + 100 * 60_000);
    expect(index.columns.length).toBe(rows.filter((e) => e.startedAt >= NOW - WEEK + 100 * 60_000).length);
  });

  it("maps status codes by name, so a build that orders its statuses otherwise reads the same statuses", () => {
    const snapshot = decodeColumnSnapshot(encodeColumnSnapshot(snapshotOf([exec(1, {}), exec(2, { status: "FAILED" }), exec(3, { status: "PENDING_REDRIVE" })])))!;
    const bytes = encodeColumnSnapshot(snapshot);
    // Rewrite the header as another build would: the same statuses listed in reverse, the codes to match.
    const headerLength = new DataView(bytes.buffer).getUint32(4, true);
    const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + headerLength)).toString("utf8")) as { statuses: string[] };
    const reversed = [...header.statuses].reverse();
    const text = Buffer.from(JSON.stringify({ ...header, statuses: reversed }), "utf8");
    expect(text.length).toBe(headerLength);
    const other = bytes.slice();
    other.set(text, 8);
    const statusAt = other.length - 3;
    for (let i = 0; i < 3; i++) other[statusAt + i] = reversed.indexOf(header.statuses[bytes[statusAt + i]]);
    const read = decodeColumnSnapshot(other)!;
    expect(Array.from(read.columns.status)).toEqual(Array.from(snapshot.columns.status));
  });

  it("reads a block a driver hands back as a Buffer inside a larger one, at an odd offset", () => {
    const bytes = encodeColumnSnapshot(snapshotOf(week(40)));
    const pool = Buffer.alloc(bytes.length + 16);
    pool.set(bytes, 3);
    const read = decodeColumnSnapshot(pool.subarray(3, 3 + bytes.length));
    expect(read?.columns.length).toBe(40);
    expect(Array.from(read!.columns.startedAt)).toEqual(Array.from(decodeColumnSnapshot(bytes)!.columns.startedAt));
  });

  it("reads a block it cannot vouch for as none: another format, a wrong length, a damaged header", () => {
    const good = encodeColumnSnapshot(snapshotOf(week(10)));
    expect(decodeColumnSnapshot(good)?.columns.length).toBe(10);
    expect(decodeColumnSnapshot(new Uint8Array(0))).toBeUndefined();
    expect(decodeColumnSnapshot(good.subarray(0, good.length - 1))).toBeUndefined();
    const damaged = good.slice();
    damaged[8] = 0x78; // the header's opening brace: no longer JSON
    expect(decodeColumnSnapshot(damaged)).toBeUndefined();
    const otherMagic = good.slice();
    otherMagic[0] ^= 0xff;
    expect(decodeColumnSnapshot(otherMagic)).toBeUndefined();
    const nextFormat = good.slice();
    const at = Buffer.from(nextFormat).indexOf('"v":1');
    nextFormat[at + 4] = "2".charCodeAt(0);
    expect(decodeColumnSnapshot(nextFormat)).toBeUndefined();
  });

  it("counts a status it does not know as unknown, not as another", () => {
    const bytes = encodeColumnSnapshot(snapshotOf([exec(1, {})]));
    const headerLength = new DataView(bytes.buffer).getUint32(4, true);
    const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + headerLength)).toString("utf8")) as { statuses: string[] };
    const renamed = header.statuses.map((s) => (s === "SUCCEEDED" ? "SUCCEEDEX" : s));
    const other = bytes.slice();
    other.set(Buffer.from(JSON.stringify({ ...header, statuses: renamed }), "utf8"), 8);
    expect(decodeColumnSnapshot(other)!.columns.status[0]).toBe(UNKNOWN_STATUS_CODE);
  });
});

function snapshotOf(executions: ExecutionSummary[]): ColumnSnapshot {
  const index = new MachineIndex(MACHINE, persistenceLoading({ executions: [] }));
  index.absorb(executions);
  return { columns: index.columns.arrays(), running: executions.filter((e) => e.status === "RUNNING"), windowFrom: NOW - WEEK, writtenUpTo: NOW };
}
