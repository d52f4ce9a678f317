/**
 * The long-lived fleet service of a Stepscope process: the store, the poller lease, the
 * execution index on top of them and the background loop that keeps the index fresh.
 *
 * One per process, kept on globalThis: Next bundles instrumentation and each route handler
 * separately, and all of them must share one store connection, one lease and one index.
 * With STEPSCOPE_DATABASE_URL=memory there is no store, no lease and no loop: the index is
 * filled when pages ask, as before the store existed.
 */
import "./server-only";
import { loadConfig, type StepscopeConfig } from "@/lib/config/env";
import type { SfnContext } from "@/lib/sfn/context";
import { FleetIndex, fleetIndexFor } from "@/lib/server/fleet";
import { describeLocation, openStore, parseDatabaseUrl, type Store } from "@/lib/store";
import { loadStoredFailures } from "./failure-persistence";
import { storeHistoryArchive } from "./history-archive";
import { StoreIndexPersistence } from "./index-persistence";
import { PayloadIndexer } from "./payload-indexer";
import { EventsConsumer, type EventTarget } from "./events-consumer";
import { createEventsQueue } from "@/lib/sfn/events-queue";
import { PollerLease } from "./poller-lease";
import { pause, RepeatedFailureLog, withOwnSignal } from "./pause";
import { SharedMetricFigures } from "./shared-metric-figures";

/** A fleet answer waits this long for refreshes, then answers with what is known. */
export const FLEET_ANSWER_WITHIN_MS = 1_500;
/** How often the background loop looks for due machines (each machine keeps its own interval). */
const LOOP_MS = 2_000;
const RETENTION_SWEEP_MS = 3_600_000;
/** How often the poller queues the failures not read yet (each is read once, at the failure budget). */
const FAILURE_QUEUE_MS = 30_000;
/** With events flowing, each machine is still listed this often, for the events that were lost. */
const RECONCILE_WITH_EVENTS_MS = 5 * 60_000;

export interface FleetService {
  /** Absent with STEPSCOPE_DATABASE_URL=memory: each SDK context then has its own in-memory index, as before. */
  fleet?: FleetIndex;
  store?: Store;
  lease?: PollerLease;
  /** Present with STEPSCOPE_EVENTS_QUEUE_URL: the status-change consumer and how it fares. */
  events?: EventsConsumer;
  /** The fleet's CloudWatch figures, read by the lease holder and kept in the store for every instance. */
  figures?: SharedMetricFigures;
  stop(): Promise<void>;
}

const KEY = Symbol.for("stepscope.fleetService");
type Holder = { [KEY]?: Promise<FleetService> };

/** What a scope's service asks lib/server/sources, where several account × Region scopes share one store. */
export interface ScopeHooks {
  /** Whether a state machine ARN is this scope's own: it shows (and reads figures for) only those. */
  owns(arn: string): boolean;
  /** Which scope an event of this machine goes to (the events consumer is the first scope's). */
  routeEvent(machineArn: string): EventTarget;
}

/** The process's fleet service, started on first use (instrumentation starts it at boot). */
export function fleetService(ctx: SfnContext, config: StepscopeConfig = loadConfig(), hooks?: ScopeHooks): Promise<FleetService> {
  const holder = globalThis as Holder;
  holder[KEY] ??= startFleetService(ctx, config, undefined, hooks).catch((error) => {
    holder[KEY] = undefined;
    throw error;
  });
  return holder[KEY];
}

/** The execution index the API reads. */
export async function appFleetIndex(ctx: SfnContext): Promise<FleetIndex> {
  return serviceFleetIndex(await fleetService(ctx), ctx);
}

/** A service's execution index: the stored one, or (store off) the in-memory one of its context. */
export function serviceFleetIndex(service: FleetService, ctx: SfnContext): FleetIndex {
  return service.fleet ?? fleetIndexFor(ctx);
}

/** Forget the process's service (tests). */
export async function resetFleetService(): Promise<void> {
  const holder = globalThis as Holder;
  const current = holder[KEY];
  holder[KEY] = undefined;
  if (current) await (await current.catch(() => undefined))?.stop();
}

/**
 * How a second scope of the process joins the first one's service: the same store and lease
 * (the instance that polls polls every scope), no events consumer and no retention sweep of
 * its own (both are the first scope's).
 */
export interface JoinedService {
  store: Store;
  lease: PollerLease;
}

export async function startFleetService(ctx: SfnContext, config: StepscopeConfig, joined?: JoinedService, hooks?: ScopeHooks): Promise<FleetService> {
  const location = parseDatabaseUrl(config.databaseUrl, process.cwd());
  if (location.kind === "memory") {
    return { stop: async () => undefined };
  }
  const store = joined?.store ?? (await openStore(location));
  const lease = joined?.lease ?? new PollerLease(store, config.leaseMs);
  if (!joined) await lease.start();
  const persistence = new StoreIndexPersistence(store, { mayPoll: () => lease.held, now: ctx.now, owns: hooks && ((arn) => hooks.owns(arn)) });
  // What failed executions' histories said, read once ever: error groups are complete at start.
  const failureStore = await loadStoredFailures(store, undefined, ctx.now);
  // Finished histories, read once ever: the execution page opens from the store after a restart.
  const historyArchive = storeHistoryArchive(store, ctx.now);
  ctx.historyArchive = historyArchive;
  let eventsFlowing = () => false;
  const fleet = new FleetIndex(
    { failureReadsPerSecond: config.failureReadsPerSecond },
    {
      persistence,
      failureStore,
      answerWithinMs: FLEET_ANSWER_WITHIN_MS,
      reconcileEveryMs: () => (eventsFlowing() ? RECONCILE_WITH_EVENTS_MS : undefined),
    },
  );
  if (!joined) console.log(
    `[stepscope] keeping the execution index in ${describeLocation(location)}; ${failureStore.loaded} failure records loaded; retention ${Math.round(config.retentionMs / 86_400_000)} days`,
  );

  const figures = new SharedMetricFigures(store, { mayRead: () => lease.held, machines: () => persistence.storedMachines(), horizonMs: fleet.limits.horizonMs });
  figures.start(ctx);

  const payloads = config.indexPayloads ? new PayloadIndexer(store, config.indexPayloads) : undefined;
  let stopped = false;
  // Aborted by stop(): every background wait (the poller's, the events consumer's) ends at once.
  const stopping = new AbortController();
  let lastSweep = 0;
  let lastFailureQueue = 0;
  const refreshFailures = new RepeatedFailureLog("background refresh");
  const loop = async () => {
    while (!stopped) {
      try {
        await fleet.refreshAll(ctx);
        if (lease.held && payloads) await payloads.round(ctx);
        // Every failure's history once: its error and cause are written back for search.
        if (lease.held && ctx.now() - lastFailureQueue >= FAILURE_QUEUE_MS) {
          lastFailureQueue = ctx.now();
          await fleet.readFailuresInBackground(ctx);
        }
        if (!joined && lease.held && ctx.now() - lastSweep >= RETENTION_SWEEP_MS) {
          lastSweep = ctx.now();
          await store.deleteOlderThan(ctx.now() - config.retentionMs);
        }
        refreshFailures.succeeded();
      } catch (error) {
        // Listing failures are kept per machine; this is the machine list itself failing.
        refreshFailures.failed((error as Error).message);
      }
      await pause(LOOP_MS, stopping.signal);
    }
  };
  const running = loop();
  // Events: a long poll at a time while this process holds the lease; a failing queue is retried every 30 s.
  const events = config.eventsQueueUrl && !joined
    ? new EventsConsumer(store, createEventsQueue(config.eventsQueueUrl, config.region, { placeholderCredentials: config.source === "demo" }), config.eventsQueueUrl, ctx.now, (machine) =>
        hooks ? hooks.routeEvent(machine) : { ok: true, absorb: (rows) => fleet.machine(machine).absorb(rows) },
      )
    : undefined;
  if (events) eventsFlowing = () => events.status.state === "consuming";
  const consuming = (async () => {
    while (events && !stopped) {
      const began = Date.now();
      const received = lease.held ? await withOwnSignal(stopping.signal, (signal) => events.pollOnce(20, signal)) : 0;
      // A queue that answers an empty receive at once (no long poll) must not become a busy loop.
      const quickAndEmpty = received === 0 && Date.now() - began < 1_000;
      const wait = !lease.held ? LOOP_MS : events.status.state === "failing" ? 30_000 : quickAndEmpty ? LOOP_MS : 0;
      if (wait) await pause(wait, stopping.signal);
    }
  })();
  return {
    fleet,
    store,
    lease,
    events,
    figures,
    async stop() {
      stopped = true;
      stopping.abort();
      // No new calls from here on; the lease itself is given up once what is unsaved is saved.
      lease.relinquish();
      await Promise.all([running, consuming, figures.stop()]);
      if (ctx.historyArchive === historyArchive) ctx.historyArchive = undefined;
      await Promise.all([failureStore.flush(), historyArchive.flush()]);
      if (joined) return;
      await lease.stop();
      await store.close();
    },
  };
}
