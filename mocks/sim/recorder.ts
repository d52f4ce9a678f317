/**
 * Collects events as the interpreter walks the definition, then turns them into a history:
 * ordered by time (branches and iterations interleave), ids from 1, previousEventId links.
 */
import type { PlannedEvent } from "./plan";

/** A payload kept as a value until the history is finished, then written as JSON text. */
export class JsonText {
  constructor(readonly value: unknown) {}
}

export interface Draft {
  t: number;
  type: string;
  detailsKey?: string;
  details?: Record<string, unknown>;
  prev: Draft | null;
  dropped: boolean;
  id: number;
  /** Position in the recorder, for texts that refer to this event (see resolveIds). */
  index: number;
}

export class Recorder {
  readonly drafts: Draft[] = [];

  constructor(readonly detailed = true) {}

  emit(t: number, type: string, prev: Draft | null, detailsKey?: string, details?: Record<string, unknown>): Draft {
    // A chain never goes back in time, so ordering by time keeps every link pointing backwards.
    const time = prev ? Math.max(t, prev.t) : t;
    const draft: Draft = { t: time, type, detailsKey, details, prev, dropped: false, id: 0, index: this.drafts.length };
    this.drafts.push(draft);
    return draft;
  }

  /** Index to pass to dropAfter: events recorded from here on. */
  mark(): number {
    return this.drafts.length;
  }

  /** Cancel what a branch or iteration would have done after `t` (its sibling failed first). */
  dropAfter(fromIndex: number, toIndex: number, t: number): void {
    for (let i = fromIndex; i < toIndex; i++) if (this.drafts[i].t > t) this.drafts[i].dropped = true;
  }

  /** The latest event kept in a range, to chain the next event onto. */
  lastKept(fromIndex: number, toIndex: number): Draft | null {
    let best: Draft | null = null;
    for (let i = fromIndex; i < toIndex; i++) {
      const d = this.drafts[i];
      if (!d.dropped && (!best || d.t >= best.t)) best = d;
    }
    return best;
  }

  finish(): PlannedEvent[] {
    const kept = this.drafts.filter((d) => !d.dropped);
    // Stable: equal timestamps keep the order in which the interpreter produced them.
    kept.sort((a, b) => a.t - b.t);
    return kept.map((d, i) => {
      d.id = i + 1;
      const event: PlannedEvent = {
        id: d.id,
        previousEventId: nearestKeptAncestor(d)?.id ?? 0,
        type: d.type,
        timestampMs: d.t,
      };
      return event;
    }).map((event, i) => {
      const d = kept[i];
      if (d.detailsKey && this.detailed) {
        event.detailsKey = d.detailsKey;
        event.details = d.details ? this.writeDetails(d.details) : {};
      }
      return event;
    });
  }

  /**
   * Replaces the markers a text left for event ids not known while planning (see
   * enteredAtMarker): call after finish(), when every kept event has its id.
   */
  resolveIds(text: string): string {
    return text.includes("\u0000") ? text.replace(/\u0000entered:(\d+)\u0000/g, (_, index: string) => String(this.drafts[Number(index)]?.id ?? 0)) : text;
  }

  private writeDetails(details: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(details)) {
      out[key] = value instanceof JsonText ? JSON.stringify(value.value) : typeof value === "string" ? this.resolveIds(value) : value;
    }
    return out;
  }
}

function nearestKeptAncestor(d: Draft): Draft | null {
  let p = d.prev;
  while (p && p.dropped) p = p.prev;
  return p;
}
