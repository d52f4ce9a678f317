/**
 * Every scope of the process (one account × Region each), with its own SDK context (client,
 * cache, single-flight, limiter) and its own fleet service (index, background refresh). The
 * first scope is the process's default context and service, so one unconfigured source runs
 * exactly as before; the others join its store and lease.
 *
 * Kept on globalThis: Next bundles instrumentation and each route separately.
 */
import "../server-only";
import type { SourceInfo, SourceScope } from "@/lib/contract/api";
import { sourceInfo } from "@/lib/config/env";
import { loadScopes, resetScopes, type ScopeDefinition } from "@/lib/config/sources";
import { displayEndpoint } from "@/lib/security/endpoint-display";
import { createSfnContext, type SfnContext } from "@/lib/sfn/context";
import { getSfnContext } from "@/lib/sfn/default-context";
import type { EventTarget } from "../events-consumer";
import { fleetService, startFleetService, type FleetService, type ScopeHooks } from "../fleet-service";
import { arnRegionAndAccount, mayBelongTo, routeArn, type RoutableScope } from "./route-arn";
import { scopeHealth } from "./scope-health";
import { keepsInStore } from "./store-sharing";

export interface Scope extends RoutableScope {
  readonly def: ScopeDefinition;
  readonly name: string;
  /** The implicit source of an unconfigured process, or the first configured scope: the process's default context. */
  readonly primary: boolean;
  /** Whether this scope's executions are kept in the store (see `keepsInStore`). */
  readonly stored: boolean;
  accountId?: string;
  readonly ctx: SfnContext;
}

export interface SourceRegistry {
  /** What it was built from, as text: a configuration that says something else builds it anew. */
  fingerprint: string;
  scopes: Scope[];
  /** True without a config and with one scope (not the demo): every ARN goes to it, as before. */
  implicit: boolean;
}

function buildScope(def: ScopeDefinition, index: number, defs: readonly ScopeDefinition[]): Scope {
  const primary = index === 0;
  const own = primary ? undefined : createSfnContext(def.config);
  return {
    def,
    id: def.id,
    name: def.name,
    region: def.region,
    primary,
    stored: keepsInStore(defs, index),
    accountId: def.accountId,
    // The default context can be replaced (tests reset it): always read it afresh.
    get ctx() {
      return own ?? getSfnContext();
    },
  };
}

const KEY = Symbol.for("stepscope.sourceRegistry");
const SERVICES = Symbol.for("stepscope.scopeServices");
type Holder = { [KEY]?: SourceRegistry; [SERVICES]?: Map<string, Promise<FleetService>> };

export function sourceRegistry(): SourceRegistry {
  const holder = globalThis as Holder;
  const defs = loadScopes();
  // Compared by content, not identity: each Next bundle (routes, pages, instrumentation) parses
  // the configuration itself, and all of them must share one registry, its clients and health.
  const fingerprint = JSON.stringify(defs);
  if (holder[KEY]?.fingerprint !== fingerprint) {
    if (holder[KEY]) void stopScopes(holder[KEY]);
    const implicit = defs.length === 1 && defs[0].implicit === true;
    holder[KEY] = { fingerprint, scopes: defs.map((def, i) => buildScope(def, i, defs)), implicit };
  }
  return holder[KEY];
}

function services(): Map<string, Promise<FleetService>> {
  const holder = globalThis as Holder;
  holder[SERVICES] ??= new Map();
  return holder[SERVICES];
}

/** A scope's fleet service: the process's own for the first scope; the others join its store and lease. */
export function scopeService(scope: Scope): Promise<FleetService> {
  if (scope.primary) return fleetService(scope.ctx, scope.def.config, hooksOf(scope));
  const map = services();
  let running = map.get(scope.id);
  if (!running) {
    running = (async () => {
      const first = await scopeService(sourceRegistry().scopes[0]);
      if (!scope.stored || !first.store || !first.lease) {
        if (first.store) console.log(`[stepscope] ${scope.id} shares its account and Region with an earlier emulator source: its index stays in memory (give each emulator source its own accountId to keep it).`);
        return startFleetService(scope.ctx, { ...scope.def.config, databaseUrl: "memory" });
      }
      return startFleetService(scope.ctx, scope.def.config, { store: first.store, lease: first.lease }, hooksOf(scope));
    })().catch((error) => {
      map.delete(scope.id);
      throw error;
    });
    map.set(scope.id, running);
  }
  return running;
}

/**
 * Whether a machine in the shared store is this scope's, by the ARN routing rule over the scopes
 * as they are now (accounts learned since count). One scope owns everything, as before sources.
 */
function ownsArn(scope: Scope, arn: string): boolean {
  const { scopes } = sourceRegistry();
  return scopes.length === 1 || mayBelongTo(arn, scope, scopes);
}

/**
 * Where an event of this machine goes: the scope its ARN names (the link routing rule), when that
 * scope keeps its executions in the store the consumer writes to; else why not.
 */
function routeEvent(machineArn: string): EventTarget {
  const { scopes } = sourceRegistry();
  const route = scopes.length === 1 ? ({ ok: true, scope: scopes[0] } as const) : routeArn(machineArn, scopes);
  if (!route.ok) return { ok: false, why: route.message };
  const target = route.scope;
  if (!target.stored) return { ok: false, why: `${target.id} is indexed in memory only (it shares its account and Region with an earlier emulator or demo source).` };
  return { ok: true, absorb: async (rows) => (await scopeService(target)).fleet?.machine(machineArn).absorb(rows) };
}

function hooksOf(scope: Scope): ScopeHooks {
  return { owns: (arn) => ownsArn(scope, arn), routeEvent };
}

/** Learn a scope's account from an ARN it answered with (AWS has no cheap "who am I" without STS). */
export function noteScopeArn(scope: Scope, arn: string | undefined): void {
  if (scope.accountId || !arn) return;
  scope.accountId = arnRegionAndAccount(arn)?.accountId;
}

export function scopeLabel(scope: Scope): string {
  if (sourceRegistry().implicit) return sourceInfo(scope.def.config).label;
  const label = [scope.name, scope.region, scope.accountId].filter(Boolean).join(" · ");
  return scope.def.kind === "demo" ? `Demo ${label}` : label;
}

function shownEndpoint(scope: Scope): string | undefined {
  return scope.def.kind === "emulator" && scope.def.config.endpoint ? displayEndpoint(scope.def.config.endpoint) : undefined;
}

export function toSourceScope(scope: Scope): SourceScope {
  return {
    id: scope.id,
    name: scope.name,
    region: scope.region,
    accountId: scope.accountId,
    kind: scope.def.kind,
    label: scopeLabel(scope),
    endpoint: shownEndpoint(scope),
    health: scopeHealth(scope.ctx.outcome, scope.ctx.now()),
  };
}

/** What an answer from this scope says of its source (the badge's shape, with the scope's id). */
export function scopeSourceInfo(scope: Scope): SourceInfo {
  // The first scope of an unconfigured process answers as the one source did (the demo account's badge).
  const base = scope.def.implicit && scope.primary ? sourceInfo(scope.def.config) : { kind: scope.def.kind, label: scopeLabel(scope), region: scope.region, endpoint: shownEndpoint(scope), accountId: scope.accountId };
  return { ...base, id: scope.id, name: scope.name };
}

async function stopScopes(registry: SourceRegistry): Promise<void> {
  const map = services();
  const running = registry.scopes.filter((s) => !s.primary).map((s) => map.get(s.id));
  for (const scope of registry.scopes) map.delete(scope.id);
  await Promise.all(running.map(async (s) => (await s?.catch(() => undefined))?.stop()));
  for (const scope of registry.scopes) if (!scope.primary) scope.ctx.client.destroy();
}

/** Stop every scope's service but the first (the process's own: resetFleetService) and forget the registry (tests). */
export async function resetSourceRegistry(): Promise<void> {
  const holder = globalThis as Holder;
  if (holder[KEY]) await stopScopes(holder[KEY]);
  holder[KEY] = undefined;
  resetScopes();
}
