/**
 * A least-recently-used cache bounded in approximate bytes, shared by every viewer. Entries are
 * sized by their JSON length (what they would cost on the wire), which tracks memory closely
 * enough to keep a long-running server flat. The clock is passed in.
 */
export interface CacheOptions {
  maxBytes: number;
  now: () => number;
}

interface Entry {
  value: unknown;
  bytes: number;
  /** Epoch ms after which the entry is stale; Infinity for things that never change. */
  expiresAt: number;
}

export const FOREVER = Number.POSITIVE_INFINITY;

export function approximateBytes(value: unknown): number {
  try {
    return (JSON.stringify(value) ?? "").length + 64;
  } catch {
    return 1024;
  }
}

export class ByteLruCache {
  // A Map iterates in insertion order: re-inserting on read keeps the oldest first.
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;

  constructor(private readonly options: CacheOptions) {}

  get<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.options.now()) {
      this.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value as T;
  }

  /** `ttlMs` may be FOREVER. `bytes` overrides the JSON-length estimate when the caller knows better. */
  set(key: string, value: unknown, ttlMs: number, bytes = approximateBytes(value)): void {
    this.delete(key);
    // An entry larger than the whole budget would evict everything and still not fit.
    if (bytes > this.options.maxBytes) return;
    this.entries.set(key, { value, bytes, expiresAt: this.options.now() + ttlMs });
    this.totalBytes += bytes;
    for (const [oldestKey] of this.entries) {
      if (this.totalBytes <= this.options.maxBytes) break;
      this.delete(oldestKey);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }

  /** The byte budget: an entry larger than this is never kept. */
  get maxBytes(): number {
    return this.options.maxBytes;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The keys held now, oldest first (for tests and diagnostics: what is kept, not a way to read it). */
  keys(): string[] {
    return [...this.entries.keys()];
  }
}
