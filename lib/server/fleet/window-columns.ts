/**
 * The window of one machine's index, as columns: start, stop, status and redrive count of each
 * execution in typed arrays, found by a 64-bit hash of its ARN (two 32-bit hashes; a 32-bit one
 * alone collides somewhere in a fleet of 10 million executions, and a collision would merge two
 * executions into one count). About 27 bytes an execution plus 8 for the hash table, against
 * ~240 for an object: the window of a million executions fits in memory, and a fold over it
 * (`tallyColumns`) reads only arrays. What an execution's page or a list shows (name, error,
 * cause) is read from the store, or kept as objects by the caller when there is none.
 */
import type { ExecutionSummary } from "@/lib/contract/api";
import { statusCode, statusOfCode, type ExecutionColumns } from "@/lib/metrics";

/** No redrive count known (the listing did not say): kept apart from 0, as the merge rule does. */
const NO_REDRIVES = 0xffff;
const INITIAL_CAPACITY = 16;

/** What the columns know of an execution: the facts the merge rule ranks by. */
export interface ColumnFacts {
  status: ExecutionSummary["status"];
  startedAt: number;
  stoppedAt?: number;
  redriveCount?: number;
}

/**
 * The used part of every array, for a snapshot kept in the store (`column-snapshot.ts`). The
 * status codes are this build's (`statusCode`); a reader of another build maps them by name.
 */
export interface ColumnArrays {
  length: number;
  startedAt: Float64Array;
  stoppedAt: Float64Array;
  status: Uint8Array;
  redrives: Uint16Array;
  hashA: Uint32Array;
  hashB: Uint32Array;
}

export class WindowColumns implements ExecutionColumns {
  length = 0;
  startedAt = new Float64Array(INITIAL_CAPACITY);
  stoppedAt = new Float64Array(INITIAL_CAPACITY);
  status = new Uint8Array(INITIAL_CAPACITY);
  private redrives = new Uint16Array(INITIAL_CAPACITY);
  private hashA = new Uint32Array(INITIAL_CAPACITY);
  private hashB = new Uint32Array(INITIAL_CAPACITY);
  /** Open addressing: slot + 1 of each hash, 0 for empty; at most half full. */
  private table = new Int32Array(INITIAL_CAPACITY * 2);

  /** The slot of an ARN, or -1. */
  slotOf(arn: string): number {
    const [a, b] = hashesOf(arn);
    return this.find(a, b);
  }

  facts(slot: number): ColumnFacts {
    const out: ColumnFacts = { status: statusOfCode(this.status[slot]) ?? "RUNNING", startedAt: this.startedAt[slot] };
    if (!Number.isNaN(this.stoppedAt[slot])) out.stoppedAt = this.stoppedAt[slot];
    if (this.redrives[slot] !== NO_REDRIVES) out.redriveCount = this.redrives[slot];
    return out;
  }

  /** Writes an execution's facts, in place when its ARN is known (a redrive, a status change), else in a new slot. */
  set(arn: string, e: ColumnFacts): void {
    const [a, b] = hashesOf(arn);
    let slot = this.find(a, b);
    if (slot < 0) {
      if (this.length === this.startedAt.length) this.grow(this.length * 2);
      slot = this.length++;
      this.hashA[slot] = a;
      this.hashB[slot] = b;
      this.insert(a, b, slot);
    }
    this.startedAt[slot] = e.startedAt;
    this.stoppedAt[slot] = e.stoppedAt ?? NaN;
    this.status[slot] = statusCode(e.status);
    this.redrives[slot] = e.redriveCount === undefined ? NO_REDRIVES : Math.min(e.redriveCount, NO_REDRIVES - 1);
  }

  /** Views of the used part of the arrays (not copies: encode them before the next change). */
  arrays(): ColumnArrays {
    const n = this.length;
    return {
      length: n,
      startedAt: this.startedAt.subarray(0, n),
      stoppedAt: this.stoppedAt.subarray(0, n),
      status: this.status.subarray(0, n),
      redrives: this.redrives.subarray(0, n),
      hashA: this.hashA.subarray(0, n),
      hashB: this.hashB.subarray(0, n),
    };
  }

  /**
   * Replaces everything held with a snapshot's arrays (a restart: no object, no merge per
   * execution). Two entries with one hash pair keep the later one, as `set` would.
   */
  adopt(from: ColumnArrays): void {
    this.length = 0;
    // Room for a few hours of new executions (each refresh prunes the old): not the doubling a
    // growing window needs, which at 10 million executions would hold hundreds of MB unused.
    this.grow(from.length + (from.length >> 4));
    let n = 0;
    for (let i = 0; i < from.length; i++) {
      const a = from.hashA[i];
      const b = from.hashB[i];
      let slot = this.find(a, b);
      if (slot < 0) {
        slot = n++;
        this.hashA[slot] = a;
        this.hashB[slot] = b;
        this.insert(a, b, slot);
        this.length = n;
      }
      this.startedAt[slot] = from.startedAt[i];
      this.stoppedAt[slot] = from.stoppedAt[i];
      this.status[slot] = from.status[i];
      this.redrives[slot] = from.redrives[i];
    }
  }

  /** Drops every execution `drop(slot)` names, keeping the others in their order; returns how many went. */
  removeWhere(drop: (slot: number) => boolean): number {
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      if (drop(i)) continue;
      if (kept !== i) {
        this.startedAt[kept] = this.startedAt[i];
        this.stoppedAt[kept] = this.stoppedAt[i];
        this.status[kept] = this.status[i];
        this.redrives[kept] = this.redrives[i];
        this.hashA[kept] = this.hashA[i];
        this.hashB[kept] = this.hashB[i];
      }
      kept++;
    }
    const removed = this.length - kept;
    if (removed === 0) return 0;
    this.length = kept;
    // Shrink when the window emptied a lot (a pruned week), so memory follows what is kept.
    const capacity = this.startedAt.length > INITIAL_CAPACITY && kept * 4 < this.startedAt.length ? Math.max(INITIAL_CAPACITY, kept * 2) : this.startedAt.length;
    if (capacity !== this.startedAt.length) this.grow(capacity);
    else this.rehash();
    return removed;
  }

  /** Drops the executions with these ARNs. */
  remove(arns: Iterable<string>): void {
    const slots = new Set<number>();
    for (const arn of arns) {
      const slot = this.slotOf(arn);
      if (slot >= 0) slots.add(slot);
    }
    if (slots.size) this.removeWhere((slot) => slots.has(slot));
  }

  /** Whether any execution held has one of these statuses (a scan of one byte each). */
  hasAnyStatus(statuses: readonly string[]): boolean {
    const codes = new Set(statuses.map(statusCode));
    for (let i = 0; i < this.length; i++) if (codes.has(this.status[i])) return true;
    return false;
  }

  /** Start of the oldest execution, Infinity when empty. */
  oldestStart(): number {
    let oldest = Infinity;
    for (let i = 0; i < this.length; i++) if (this.startedAt[i] < oldest) oldest = this.startedAt[i];
    return oldest;
  }

  /** Bytes held by the arrays (the bench and tests check the per-execution cost). */
  get byteLength(): number {
    return this.startedAt.byteLength + this.stoppedAt.byteLength + this.status.byteLength + this.redrives.byteLength + this.hashA.byteLength + this.hashB.byteLength + this.table.byteLength;
  }

  private find(a: number, b: number): number {
    const mask = this.table.length - 1;
    for (let i = a & mask; ; i = (i + 1) & mask) {
      const entry = this.table[i];
      if (entry === 0) return -1;
      const slot = entry - 1;
      if (this.hashA[slot] === a && this.hashB[slot] === b) return slot;
    }
  }

  private insert(a: number, b: number, slot: number): void {
    const mask = this.table.length - 1;
    let i = a & mask;
    while (this.table[i] !== 0) i = (i + 1) & mask;
    this.table[i] = slot + 1;
  }

  private grow(wanted: number): void {
    const capacity = Math.max(INITIAL_CAPACITY, wanted, this.length);
    const n = this.length;
    this.startedAt = resized(this.startedAt, capacity, n, Float64Array);
    this.stoppedAt = resized(this.stoppedAt, capacity, n, Float64Array);
    this.status = resized(this.status, capacity, n, Uint8Array);
    this.redrives = resized(this.redrives, capacity, n, Uint16Array);
    this.hashA = resized(this.hashA, capacity, n, Uint32Array);
    this.hashB = resized(this.hashB, capacity, n, Uint32Array);
    this.rehash();
  }

  private rehash(): void {
    // A power of two (so the mask works) at least twice the capacity: at most half full.
    this.table = new Int32Array(2 ** Math.ceil(Math.log2(this.startedAt.length * 2)));
    for (let slot = 0; slot < this.length; slot++) this.insert(this.hashA[slot], this.hashB[slot], slot);
  }
}

type Typed = Float64Array | Uint8Array | Uint16Array | Uint32Array;

function resized<T extends Typed>(from: T, capacity: number, used: number, Kind: new (n: number) => T): T {
  const to = new Kind(capacity);
  to.set(from.subarray(0, used) as never);
  return to;
}

/** Two independent 32-bit hashes of a string (FNV-1a, and FNV-1a with a murmur finaliser over another basis). */
export function hashesOf(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  b ^= b >>> 13;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  return [a >>> 0, b >>> 0];
}
