/**
 * Serialized answers that many viewers read, kept once and streamed to each of them: a
 * finished 25 MB history is serialized and gzipped one time, and twenty viewers stream views of
 * the same bytes instead of twenty 25 MB strings (and their UTF-8 copies) being built at once.
 * JSON compresses about tenfold, so the kept copy is small; each response inflates it as it
 * streams (cheap next to serializing or compressing: Next.js would compress a passed-through
 * gzip body again, so it is sent inflated and marked no-transform instead).
 *
 * A body fits the shared cache's byte budget, or it is spilled to a private temporary file
 * (mode 0600 in a 0700 directory, removed when the process exits) and streamed from disk: a
 * finished history bigger than the cache is still read from Step Functions once, not once per
 * viewer. What is stored was redacted when it was read (see send()).
 */
import { createReadStream, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createGunzip, gzip } from "node:zlib";
import { promisify } from "node:util";
import type { ByteLruCache } from "./cache";

/** Chunks handed to the response stream: views into the shared buffer, never copies. */
const CHUNK_BYTES = 64 * 1024;
/** Spilled files kept at most; the oldest goes first. */
const MAX_SPILLED = 64;

export interface SharedBody<Meta> {
  meta: Meta;
  /** The gzipped length. */
  bytes: number;
  /** A fresh stream of the gzipped body for one response. */
  open(): ReadableStream<Uint8Array>;
}

const gzipAsync = promisify(gzip);

/** Serialized text → what SharedBodies keeps (compressed off the event loop, in libuv's pool). */
export function compressBody(text: string): Promise<Buffer> {
  return gzipAsync(Buffer.from(text), { level: 6 });
}

/** The kept body inflated as it streams, for one response. */
export function inflated(gzipped: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return Readable.toWeb(Readable.fromWeb(gzipped as never).pipe(createGunzip())) as ReadableStream<Uint8Array>;
}

interface Spilled<Meta> {
  file: string;
  bytes: number;
  meta: Meta;
  expiresAt: number;
}

function streamOf(buffer: Buffer): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (at >= buffer.length) {
          controller.close();
          return;
        }
        const end = Math.min(at + CHUNK_BYTES, buffer.length);
        controller.enqueue(buffer.subarray(at, end));
        at = end;
      },
    },
    { highWaterMark: 1 },
  );
}

export class SharedBodies<Meta> {
  private readonly spilled = new Map<string, Spilled<Meta>>();
  private directory: string | undefined;

  constructor(
    private readonly cache: ByteLruCache,
    private readonly now: () => number,
  ) {}

  get(key: string): SharedBody<Meta> | undefined {
    const held = this.cache.get<{ buffer: Buffer; meta: Meta }>(`body:${key}`);
    if (held) return { meta: held.meta, bytes: held.buffer.length, open: () => streamOf(held.buffer) };
    const spilled = this.spilled.get(key);
    if (!spilled) return undefined;
    if (spilled.expiresAt <= this.now()) {
      this.forget(key);
      return undefined;
    }
    return {
      meta: spilled.meta,
      bytes: spilled.bytes,
      open: () => Readable.toWeb(createReadStream(spilled.file, { highWaterMark: CHUNK_BYTES })) as ReadableStream<Uint8Array>,
    };
  }

  /** Keeps `buffer` (gzipped: see compressBody) for `ttlMs` (in the cache when it fits its budget, else on disk) and returns it as a shared body. */
  put(key: string, buffer: Buffer, meta: Meta, ttlMs: number): SharedBody<Meta> {
    this.forget(key);
    if (buffer.length <= this.cache.maxBytes) {
      this.cache.set(`body:${key}`, { buffer, meta }, ttlMs, buffer.length);
      return { meta, bytes: buffer.length, open: () => streamOf(buffer) };
    }
    const file = path.join(this.spillDirectory(), `${this.spilled.size}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, buffer, { mode: 0o600 });
    if (this.spilled.size >= MAX_SPILLED) this.forget(this.spilled.keys().next().value as string);
    this.spilled.set(key, { file, bytes: buffer.length, meta, expiresAt: this.now() + ttlMs });
    return this.get(key)!;
  }

  private forget(key: string): void {
    this.cache.delete(`body:${key}`);
    const spilled = this.spilled.get(key);
    if (!spilled) return;
    this.spilled.delete(key);
    try {
      unlinkSync(spilled.file);
    } catch {
      // Already gone (a stream still reading it keeps its descriptor).
    }
  }

  private spillDirectory(): string {
    if (!this.directory) {
      this.directory = mkdtempSync(path.join(tmpdir(), "stepscope-bodies-"));
      const directory = this.directory;
      process.once("exit", () => rmSync(directory, { recursive: true, force: true }));
    }
    return this.directory;
  }
}
