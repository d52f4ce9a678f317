/**
 * Which sources the fleet shows, as it travels in the page URL: `source=` (repeatable) names a
 * source ("prod", all its Regions) or one scope ("prod:eu-west-1"), `region=` (repeatable) a
 * Region. A scope is shown when it matches some `source` (or there is none) and some `region`
 * (or there is none); no parameter at all is every scope. Pure.
 */
import type { SourceScope } from "@/lib/contract/api";

export interface ScopeFilter {
  /** Source names or scope ids, as given. */
  sources: string[];
  regions: string[];
}

export const ALL_SCOPES: ScopeFilter = { sources: [], regions: [] };

type ScopeLike = Pick<SourceScope, "id" | "name" | "region">;

const clean = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter((v) => v !== ""))];

export function scopeFilterFromSearch(params: { getAll(key: string): string[] }): ScopeFilter {
  return { sources: clean(params.getAll("source")), regions: clean(params.getAll("region")) };
}

/** Writes the filter into URL parameters; the filter that shows everything writes nothing. */
export function writeScopeFilter(params: URLSearchParams, filter: ScopeFilter): void {
  params.delete("source");
  params.delete("region");
  for (const s of clean(filter.sources)) params.append("source", s);
  for (const r of clean(filter.regions)) params.append("region", r);
}

export function isAllScopes(filter: ScopeFilter): boolean {
  return filter.sources.length === 0 && filter.regions.length === 0;
}

export interface ResolvedScopeFilter<S extends ScopeLike> {
  /** The scopes shown, in the order given (configuration order). */
  selected: S[];
  /** True when every scope is shown. */
  all: boolean;
  /** Values that name no source or scope, no Region: said, and ignored. */
  unknownSources: string[];
  unknownRegions: string[];
}

export function resolveScopeFilter<S extends ScopeLike>(filter: ScopeFilter, scopes: readonly S[]): ResolvedScopeFilter<S> {
  const unknownSources = filter.sources.filter((v) => !scopes.some((s) => s.id === v || s.name === v));
  const unknownRegions = filter.regions.filter((r) => !scopes.some((s) => s.region === r));
  const sources = filter.sources.filter((v) => !unknownSources.includes(v));
  const regions = filter.regions.filter((r) => !unknownRegions.includes(r));
  const selected = scopes.filter(
    (s) => (sources.length === 0 || sources.includes(s.id) || sources.includes(s.name)) && (regions.length === 0 || regions.includes(s.region)),
  );
  return { selected, all: selected.length === scopes.length, unknownSources, unknownRegions };
}

/** The `source=` ids to ask the API for: none when every scope is shown. */
export function apiScopeIds(filter: ScopeFilter, scopes: readonly ScopeLike[]): string[] {
  const resolved = resolveScopeFilter(filter, scopes);
  return resolved.all ? [] : resolved.selected.map((s) => s.id);
}

/** Source names, then Regions, each once, in configuration order: the filter's two rows of choices. */
export function filterChoices(scopes: readonly ScopeLike[]): { sources: string[]; regions: string[] } {
  return { sources: [...new Set(scopes.map((s) => s.name))], regions: [...new Set(scopes.map((s) => s.region))] };
}

/** Whether a source name (or a Region, with `key` "regions") is among those the filter picks out by name. */
export function isChosen(filter: ScopeFilter, key: "sources" | "regions", value: string): boolean {
  return filter[key].includes(value);
}

/**
 * Adds or removes one source name or Region. Choosing a source drops the scope ids of that source
 * (the name covers them); choosing every value of a row is the same as choosing none.
 */
export function toggleChoice(filter: ScopeFilter, key: "sources" | "regions", value: string, scopes: readonly ScopeLike[]): ScopeFilter {
  const choices = filterChoices(scopes)[key];
  let values = filter[key].filter((v) => !(key === "sources" && scopes.some((s) => s.id === v && s.name === value)));
  values = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  if (choices.every((c) => values.includes(c))) values = values.filter((v) => !choices.includes(v));
  return { ...filter, [key]: values };
}

/** Only this one scope (the switcher's choice). */
export function onlyScope(scope: Pick<ScopeLike, "id">): ScopeFilter {
  return { sources: [scope.id], regions: [] };
}

/** What is wrong with the filter, in words, or undefined: unknown values (ignored) or nothing left to show. */
export function scopeFilterProblem(resolved: ResolvedScopeFilter<ScopeLike>, scopes: readonly ScopeLike[]): string | undefined {
  const quote = (values: string[]) => values.map((v) => `“${v}”`).join(", ");
  const parts: string[] = [];
  if (resolved.unknownSources.length > 0) parts.push(`No source ${quote(resolved.unknownSources)}: the sources are ${filterChoices(scopes).sources.join(", ")}.`);
  if (resolved.unknownRegions.length > 0) parts.push(`No Region ${quote(resolved.unknownRegions)}: the Regions are ${filterChoices(scopes).regions.join(", ")}.`);
  if (resolved.selected.length === 0) parts.push("None of the chosen sources is in the chosen Regions: choose another source or Region.");
  else if (parts.length > 0) parts.push("Showing the rest.");
  return parts.length > 0 ? parts.join(" ") : undefined;
}
