/**
 * Paths as a small automaton: a state is the set of (path, next segment) pairs still alive at a
 * point of the document. Stepping into a member or element gives the next state without
 * looking back, so a walker can match while it reads, at any depth, without recursion.
 */
import type { RedactPath } from "./redact-path";

/** Encoded (path index << 8 | segment index) pairs; empty when nothing can match below. */
export type MatchState = readonly number[];

const SHIFT = 256;

export interface PathMatcher {
  root(): MatchState;
  step(state: MatchState, key: string | number): MatchState;
  isMatch(state: MatchState): boolean;
  /**
   * False when no path can match anywhere in `text`, however deeply it nests JSON in strings:
   * some key a path names does not occur in it. Most payloads are skipped this way without
   * being walked. (A key spelled with \u escapes defeats the test, so such text is walked.)
   */
  mayMatch(text: string): boolean;
}

export function createPathMatcher(paths: readonly RedactPath[]): PathMatcher {
  const rootState = paths.map((_, p) => p * SHIFT);
  const keysOf = paths.map((p) => p.segments.flatMap((s) => (s.kind === "child" || s.kind === "descendant" ? [s.key] : [])));
  return {
    mayMatch: (text) => text.includes("\\u") || keysOf.some((keys) => keys.every((key) => text.includes(key))),
    root: () => rootState,
    isMatch: (state) => state.some((s) => s % SHIFT === paths[Math.floor(s / SHIFT)].segments.length),
    step(state, key) {
      if (state.length === 0) return state;
      const next = new Set<number>();
      for (const s of state) {
        const p = Math.floor(s / SHIFT);
        const at = s % SHIFT;
        const segment = paths[p].segments[at];
        if (!segment) continue;
        switch (segment.kind) {
          case "child":
            if (typeof key === "string" && key === segment.key) next.add(s + 1);
            break;
          case "index":
            if (typeof key === "number" && key === segment.index) next.add(s + 1);
            break;
          case "every":
            next.add(s + 1);
            break;
          case "descendant":
            // Stays alive below; a member with the key completes this segment.
            next.add(s);
            if (typeof key === "string" && key === segment.key) next.add(s + 1);
            break;
        }
      }
      return next.size === 0 ? EMPTY : [...next];
    },
  };
}

const EMPTY: MatchState = [];
