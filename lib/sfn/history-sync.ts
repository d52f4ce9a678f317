/**
 * Execution histories, fetched as little as possible.
 *
 * A finished execution never changes: its history is read once (1,000 events a page, every
 * page) and kept by ARN. (One that failed can be redriven, which appends to the same history,
 * so such a history is checked again, cheaply, once a minute at most.) A running one is tailed: GetExecutionHistory has no "after id"
 * parameter, so we page newest-first (`reverseOrder=true`) until we meet an id we already
 * have, and append. Some emulators ignore `reverseOrder`; when a page comes back ascending we
 * remember that and read forward instead.
 */
import { GetExecutionHistoryCommand, type GetExecutionHistoryCommandOutput } from "@aws-sdk/client-sfn";
import type { HistoryResponse } from "@/lib/contract/api";
import type { HistoryEvent } from "@/lib/history/events";
import { executionEnding } from "@/lib/history/finished";
import { approximateBytes } from "./cache";
import { send, type SfnContext } from "./context";
import { toHistoryEvent } from "./convert";
import { compressBody, inflated } from "./shared-bodies";
import { TTL } from "./ttl";

export interface SyncedHistory {
  events: HistoryEvent[];
  /** The terminal event has been read (whatever an engine wrote after it). */
  finished: boolean;
  /** The type of the event that ended the execution (see executionEnding); undefined while it runs. */
  ending?: string;
  lastEventId: number;
  /** Epoch ms of the last sync with the endpoint. */
  syncedAt: number;
  /** Approximate size, kept incrementally so a long history is not re-serialised on every poll. */
  bytes: number;
}

const FULL_PAGE_SIZE = 1000;
/** A poll of a running execution usually finds a handful of new events: ask for a small page. */
const TAIL_PAGE_SIZE = 100;

/** A failed, timed-out or aborted execution can be redriven: `ExecutionRedriven` then continues the same history. */
const REDRIVABLE_ENDINGS = new Set(["ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"]);

/** Whether the cached history is still good: finished for good, or synced recently enough. */
function isFresh(history: SyncedHistory, now: number): boolean {
  const age = now - history.syncedAt;
  if (!history.finished) return age < TTL.runningHistory;
  return !REDRIVABLE_ENDINGS.has(history.ending ?? "") || age < TTL.redrivableHistory;
}

function historyKey(executionArn: string): string {
  return `history:${executionArn}`;
}

async function historyPage(
  ctx: SfnContext,
  executionArn: string,
  reverseOrder: boolean,
  maxResults: number,
  nextToken: string | undefined,
): Promise<{ events: HistoryEvent[]; nextToken?: string }> {
  const out = await send<GetExecutionHistoryCommandOutput>(
    ctx,
    "GetExecutionHistory",
    new GetExecutionHistoryCommand({ executionArn, reverseOrder, maxResults, nextToken, includeExecutionData: true }),
  );
  // Already redacted by send(): nothing unmasked is kept, so no path can hand it to a browser.
  return { events: (out.events ?? []).map(toHistoryEvent), nextToken: out.nextToken };
}

async function fetchWholeHistory(ctx: SfnContext, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await historyPage(ctx, executionArn, false, FULL_PAGE_SIZE, nextToken);
    events.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

function isAscending(events: HistoryEvent[]): boolean {
  return events.length >= 2 && events[0].id < events[events.length - 1].id;
}

/** Events newer than `knownId`, ascending; undefined when the endpoint ignored reverseOrder. */
async function fetchNewerEvents(ctx: SfnContext, executionArn: string, knownId: number): Promise<HistoryEvent[] | undefined> {
  const newer: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await historyPage(ctx, executionArn, true, TAIL_PAGE_SIZE, nextToken);
    if (isAscending(page.events)) return undefined;
    let reachedKnown = false;
    for (const event of page.events) {
      if (event.id <= knownId) reachedKnown = true;
      else newer.push(event);
    }
    if (reachedKnown) break;
    nextToken = page.nextToken;
  } while (nextToken);
  return newer.reverse();
}

function mergeEvents(known: HistoryEvent[], incoming: HistoryEvent[]): HistoryEvent[] {
  const lastId = known.length ? known[known.length - 1].id : 0;
  const fresh = incoming.filter((e) => e.id > lastId).sort((a, b) => a.id - b.id);
  return fresh.length ? known.concat(fresh) : known;
}

function summarise(events: HistoryEvent[], previousBytes: number, added: HistoryEvent[], now: number, previousEnding?: string): SyncedHistory {
  const last = events[events.length - 1];
  const ending = executionEnding(added, previousEnding);
  return {
    events,
    finished: ending !== undefined,
    ending,
    lastEventId: last?.id ?? 0,
    syncedAt: now,
    bytes: previousBytes + (added.length ? approximateBytes(added) : 0),
  };
}

async function sync(ctx: SfnContext, executionArn: string, known: SyncedHistory | undefined): Promise<SyncedHistory> {
  if (!known || known.events.length === 0) {
    const archived = await fromArchive(ctx, executionArn);
    if (archived) return archived;
    const events = await fetchWholeHistory(ctx, executionArn);
    return archivedIfFinished(ctx, executionArn, summarise(mergeEvents([], events), 0, events, ctx.now()), false);
  }
  let incoming = ctx.reverseOrderIgnored ? undefined : await fetchNewerEvents(ctx, executionArn, known.lastEventId);
  if (incoming === undefined) {
    ctx.reverseOrderIgnored = true;
    incoming = (await fetchWholeHistory(ctx, executionArn)).filter((e) => e.id > known.lastEventId);
  }
  const events = mergeEvents(known.events, incoming);
  return archivedIfFinished(ctx, executionArn, summarise(events, known.bytes, events.slice(known.events.length), ctx.now(), known.ending), known.finished);
}

/**
 * A finished history kept by an earlier run. One that ended in a redrivable failure is marked
 * never synced, so its next use checks once (one small newest-first page) for a redrive since.
 */
async function fromArchive(ctx: SfnContext, executionArn: string): Promise<SyncedHistory | undefined> {
  if (!ctx.historyArchive) return undefined;
  let events: HistoryEvent[] | undefined;
  try {
    events = await ctx.historyArchive.get(executionArn);
  } catch (error) {
    // An unreadable copy is not an answer: Step Functions still has the history.
    console.error(`[stepscope] could not read the kept history of ${executionArn}: ${(error as Error).message}`);
    return undefined;
  }
  if (!events?.length) return undefined;
  const synced = summarise(events, 0, events, ctx.now());
  if (!synced.finished) return undefined;
  if (REDRIVABLE_ENDINGS.has(synced.ending ?? "")) synced.syncedAt = 0;
  return synced;
}

function archivedIfFinished(ctx: SfnContext, executionArn: string, synced: SyncedHistory, wasFinished: boolean): SyncedHistory {
  if (synced.finished && !wasFinished) ctx.historyArchive?.put(executionArn, synced.events);
  return synced;
}

/**
 * The one sync of an execution's history in flight, shared by every caller whether or not it
 * keeps the result: a page reading it and the error groups reading it at the same moment cost
 * the calls of one read. Starts from what the cache holds (a running history is tailed).
 */
function syncShared(ctx: SfnContext, executionArn: string, known: SyncedHistory | undefined): Promise<SyncedHistory> {
  const key = historyKey(executionArn);
  return ctx.flight.run(key, () => sync(ctx, executionArn, ctx.cache.get<SyncedHistory>(key) ?? known));
}

/**
 * The execution's history as known now: from the cache when finished or synced within the
 * last second (a minute for a redrivable failure), else synced — one sync in flight per
 * execution, shared by every caller.
 */
export async function getSyncedHistory(ctx: SfnContext, executionArn: string): Promise<SyncedHistory> {
  const key = historyKey(executionArn);
  const known = ctx.cache.get<SyncedHistory>(key);
  if (known && isFresh(known, ctx.now())) return known;
  const synced = await syncShared(ctx, executionArn, known);
  // Set by each caller that keeps it: the read in flight may have been started by one that does not.
  keepNewer(ctx, key, synced, true);
  return synced;
}

/**
 * Puts a sync's result in the cache unless a newer one is there already. Kept until evicted;
 * a running one's freshness is judged by syncedAt. `addIfAbsent` false: only a copy already kept
 * is replaced, for readers that take no room of their own.
 */
function keepNewer(ctx: SfnContext, key: string, synced: SyncedHistory, addIfAbsent: boolean): void {
  const current = ctx.cache.get<SyncedHistory>(key);
  if (current ? current.syncedAt <= synced.syncedAt : addIfAbsent) ctx.cache.set(key, synced, TTL.finished, synced.bytes);
}

/** Our API's answer: the events after `afterId` (all when omitted), and whether more will come. */
export async function getHistorySince(ctx: SfnContext, executionArn: string, afterId?: number): Promise<HistoryResponse> {
  const history = await getSyncedHistory(ctx, executionArn);
  const after = afterId ?? 0;
  // Ids are dense from 1, so the position is usually exact; the filter covers emulators where they are not.
  const guess = history.events[after]?.id === after + 1 ? history.events.slice(after) : history.events.filter((e) => e.id > after);
  return { events: guess, finished: history.finished, lastEventId: history.lastEventId };
}

export type HistoryAnswer =
  | { kind: "json"; value: HistoryResponse }
  /** The serialized HistoryResponse of a finished execution, streamed from the copy every viewer shares. */
  | { kind: "stream"; body: ReadableStream<Uint8Array>; keptBytes: number };

/**
 * What the history route sends. A finished execution's whole history is serialized once and
 * streamed to every viewer from that one copy (kept even when it is larger than the cache: see
 * shared-bodies.ts), so twenty viewers of a 25 MB history neither build twenty 25 MB strings
 * nor read it from Step Functions twenty times. Everything else is the incremental answer.
 */
export async function getHistoryAnswer(ctx: SfnContext, executionArn: string, afterId?: number): Promise<HistoryAnswer> {
  const after = afterId ?? 0;
  const known = ctx.bodies.get(executionArn);
  if (known && after >= known.meta.lastEventId) {
    return { kind: "json", value: { events: [], finished: true, lastEventId: known.meta.lastEventId } };
  }
  if (after === 0) {
    const shared =
      known ??
      (await ctx.flight.run(`history-body:${executionArn}`, async () => {
        const again = ctx.bodies.get(executionArn);
        if (again) return again;
        const history = await getSyncedHistory(ctx, executionArn);
        if (!history.finished) return undefined;
        const response: HistoryResponse = { events: history.events, finished: true, lastEventId: history.lastEventId };
        const ttl = REDRIVABLE_ENDINGS.has(history.ending ?? "") ? TTL.redrivableHistory : TTL.finished;
        return ctx.bodies.put(executionArn, await compressBody(JSON.stringify(response)), { lastEventId: history.lastEventId }, ttl);
      }));
    if (shared) return { kind: "stream", body: inflated(shared.open()), keptBytes: shared.bytes };
  }
  return { kind: "json", value: await getHistorySince(ctx, executionArn, afterId) };
}

/**
 * A history read for one use without keeping it in the shared cache (served from the cache when
 * it is there). The error groups read every failure of a week once: kept, those histories would
 * push out the ones people are looking at.
 */
export async function readHistoryOnce(ctx: SfnContext, executionArn: string): Promise<SyncedHistory> {
  const key = historyKey(executionArn);
  const known = ctx.cache.get<SyncedHistory>(key);
  if (known && isFresh(known, ctx.now())) return known;
  const synced = await syncShared(ctx, executionArn, known);
  // A copy the page keeps is replaced by what this read learnt (a redrive checked for, new
  // events): no room taken that was not, and the page does not sync again what was just synced.
  keepNewer(ctx, key, synced, false);
  return synced;
}
