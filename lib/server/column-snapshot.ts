/**
 * A machine's window columns as the bytes the store keeps, so a restart reads one block per
 * machine instead of a row (and an object) per execution. Pure.
 *
 * The block is a cache of the rows, never the truth: it says up to when it reflects them
 * (`writtenUpTo`), and a restart reads the rows written since then on top of it. Anything this
 * build cannot read (another format, a damaged body, statuses it does not know by position)
 * decodes to undefined and the rows are read instead.
 *
 * Layout: "SSC1", the header's byte length (u32), the header (JSON: format, count, window,
 * the status names in code order, the RUNNING executions as objects), zero padding to 8 bytes,
 * then the arrays: startedAt and stoppedAt (f64), the two ARN hashes (u32), redrives (u16),
 * status (u8). Little-endian, as every platform Node ships for.
 */
import type { ExecutionSummary } from "@/lib/contract/api";
import { ALL_STATUSES, statusCode, UNKNOWN_STATUS_CODE } from "@/lib/metrics";
import type { ColumnSnapshot } from "@/lib/server/fleet/persistence";
import type { ColumnArrays } from "@/lib/server/fleet/window-columns";

const MAGIC = 0x31435353; // "SSC1" read as a little-endian u32
const FORMAT = 1;
/** Bytes per execution across the arrays. */
const BYTES_PER_EXECUTION = 8 + 8 + 4 + 4 + 2 + 1;

interface Header {
  v: number;
  count: number;
  windowFrom: number | null;
  writtenUpTo: number;
  statuses: readonly string[];
  running: ExecutionSummary[];
}

export function encodeColumnSnapshot(s: ColumnSnapshot): Uint8Array {
  const n = s.columns.length;
  const header: Header = { v: FORMAT, count: n, windowFrom: Number.isFinite(s.windowFrom) ? s.windowFrom : null, writtenUpTo: s.writtenUpTo, statuses: ALL_STATUSES, running: s.running };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const dataStart = align8(8 + headerBytes.length);
  const out = new Uint8Array(dataStart + n * BYTES_PER_EXECUTION);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  let at = dataStart;
  for (const part of [s.columns.startedAt, s.columns.stoppedAt, s.columns.hashA, s.columns.hashB, s.columns.redrives, s.columns.status]) {
    const bytes = new Uint8Array(part.buffer, part.byteOffset, n * part.BYTES_PER_ELEMENT);
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

/** The snapshot the bytes hold, or undefined when this build cannot vouch for them. */
export function decodeColumnSnapshot(bytes: Uint8Array): ColumnSnapshot | undefined {
  if (bytes.length < 8) return undefined;
  // A fresh, aligned copy: a driver's Buffer may start at any offset of a shared pool (and a
  // Buffer's own slice() is a view, not a copy).
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer);
  if (view.getUint32(0, true) !== MAGIC) return undefined;
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > copy.length) return undefined;
  let header: Header;
  try {
    header = JSON.parse(Buffer.from(copy.buffer, 8, headerLength).toString("utf8")) as Header;
  } catch {
    return undefined;
  }
  if (header?.v !== FORMAT || !Number.isSafeInteger(header.count) || header.count < 0 || !Array.isArray(header.statuses) || !Array.isArray(header.running)) return undefined;
  if (typeof header.writtenUpTo !== "number" || (header.windowFrom !== null && typeof header.windowFrom !== "number")) return undefined;
  const n = header.count;
  const dataStart = align8(8 + headerLength);
  if (copy.length !== dataStart + n * BYTES_PER_EXECUTION) return undefined;
  let at = dataStart;
  const take = <T>(Kind: { new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number }): T => {
    const part = new Kind(copy.buffer, at, n);
    at += n * Kind.BYTES_PER_ELEMENT;
    return part;
  };
  const columns: ColumnArrays = { length: n, startedAt: take(Float64Array), stoppedAt: take(Float64Array), hashA: take(Uint32Array), hashB: take(Uint32Array), redrives: take(Uint16Array), status: take(Uint8Array) };
  // Codes are positions in the writer's status list: map them by name to this build's.
  const codes = header.statuses.map((name) => statusCode(String(name)));
  for (let i = 0; i < n; i++) columns.status[i] = codes[columns.status[i]] ?? UNKNOWN_STATUS_CODE;
  return { columns, running: header.running, windowFrom: header.windowFrom ?? -Infinity, writtenUpTo: header.writtenUpTo };
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
