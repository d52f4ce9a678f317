/**
 * Several imported files → the executions they describe. A history is the core of each; a
 * description joins it by execution ARN, else by the ExecutionStarted time (to the second) and
 * input; a definition joins it by state machine ARN, else when it contains every state the
 * history entered (the smallest such definition wins). A description or definition may be
 * dropped in alone with nothing to join: it is reported, not lost silently.
 */
import type { ExecutionDetail, ExecutionDescription } from "@/lib/contract/api";
import { foldHistory } from "@/lib/history";
import { foldExecution } from "@/lib/postmortem/branch-identity";
import type { HistoryEvent } from "@/lib/history/events";
import type { ExecutionModel } from "@/lib/history/model";
import { parseDefinition } from "@/lib/postmortem/find-state";
import { readImportFile } from "./read-file";
import { stateNamesOf } from "./state-names";
import { synthesiseDetail } from "./synthesise";
import type { ImportedDefinition, ImportedDescription, ImportedFile, ImportedHistory } from "./types";

export interface ImportedExecution {
  /** Unique within one import: the files it was made from. */
  key: string;
  detail: ExecutionDetail;
  events: HistoryEvent[];
  model: ExecutionModel;
  /** Names of the files it was made from, history first. */
  files: string[];
  hasDefinition: boolean;
}

export interface ImportResult {
  files: ImportedFile[];
  executions: ImportedExecution[];
  /** Files that were read but joined nothing, in words. */
  notes: string[];
}

/** Reads and matches a batch of files (name and text each). */
export function importFiles(inputs: readonly { name: string; text: string }[]): ImportResult {
  return matchImports(inputs.map((f) => readImportFile(f.name, f.text)));
}

const SAME_START_MS = 1000;

export function matchImports(files: readonly ImportedFile[]): ImportResult {
  const histories = files.filter((f): f is ImportedHistory => f.kind === "history");
  const descriptions = files.filter((f): f is ImportedDescription => f.kind === "description");
  const definitions = files.filter((f): f is ImportedDefinition => f.kind === "definition");
  const models = histories.map((h) => foldHistory(h.events));

  const descriptionFor = pairDescriptions(histories, models, descriptions);
  const usedDefinitions = new Set<ImportedDefinition>();
  const executions: ImportedExecution[] = [];

  histories.forEach((h, i) => {
    const description = descriptionFor.get(i);
    const definition = bestDefinition(models[i], description?.description, definitions);
    // Matching needs only state names; once the definition is known, fold again so that
    // Parallel branches are numbered as the definition orders them.
    const model = definition ? foldExecution(h.events, definition.definition) : models[i];
    if (definition) usedDefinitions.add(definition);
    executions.push({
      key: [h.fileName, description?.fileName, definition?.fileName].filter(Boolean).join(" + "),
      detail: synthesiseDetail(h.fileName, model, description?.description, definition, h.executionArn),
      events: h.events,
      model,
      files: [h.fileName, description?.fileName, definition?.fileName].filter((n): n is string => !!n),
      hasDefinition: !!definition,
    });
  });
  for (const f of files) {
    if (f.kind !== "export") continue;
    executions.push({
      key: f.fileName,
      detail: f.execution,
      events: f.events,
      model: foldExecution(f.events, f.execution.definition),
      files: [f.fileName],
      hasDefinition: parseDefinition(f.execution.definition) !== undefined,
    });
  }

  const pairedDescriptions = new Set(descriptionFor.values());
  const notes: string[] = [];
  for (const d of descriptions) {
    if (!pairedDescriptions.has(d)) notes.push(`${d.fileName}: no imported history has this execution's ARN, start time or input.`);
  }
  for (const d of definitions) {
    if (!usedDefinitions.has(d)) notes.push(`${d.fileName}: no imported history ran the states of this definition.`);
  }
  return { files: [...files], executions, notes };
}

/** Each description joins at most one history, the best-scoring pairs first. */
function pairDescriptions(histories: ImportedHistory[], models: ExecutionModel[], descriptions: ImportedDescription[]) {
  const candidates: { h: number; d: ImportedDescription; score: number }[] = [];
  histories.forEach((h, i) => {
    for (const d of descriptions) {
      const score = descriptionScore(h, models[i], d.description);
      if (score > 0) candidates.push({ h: i, d, score });
    }
  });
  candidates.sort((x, y) => y.score - x.score);
  const result = new Map<number, ImportedDescription>();
  const taken = new Set<ImportedDescription>();
  for (const c of candidates) {
    if (result.has(c.h) || taken.has(c.d)) continue;
    result.set(c.h, c.d);
    taken.add(c.d);
  }
  return result;
}

function descriptionScore(h: ImportedHistory, model: ExecutionModel, d: ExecutionDescription): number {
  if (h.executionArn) return h.executionArn === d.arn ? 100 : 0;
  let score = 0;
  if (model.startedAt !== undefined && Math.abs(model.startedAt - d.startedAt) < SAME_START_MS) score += 10;
  if (model.input !== undefined && d.input !== undefined && sameJson(model.input.text, d.input)) score += 5;
  return score;
}

function bestDefinition(model: ExecutionModel, description: ExecutionDescription | undefined, definitions: ImportedDefinition[]) {
  const entered = new Set(model.runs.map((r) => r.name));
  let best: { definition: ImportedDefinition; score: number } | undefined;
  for (const definition of definitions) {
    const names = stateNamesOf(parseDefinition(definition.definition));
    const covers = [...entered].every((n) => names.has(n));
    const sameMachine = !!description && !!definition.stateMachineArn && definition.stateMachineArn === description.stateMachineArn;
    if (!covers && !sameMachine) continue;
    if (entered.size === 0 && !sameMachine) continue;
    // Among definitions that cover the history, the tightest fit is the likeliest.
    const score = (sameMachine ? 1_000_000 : 0) + (covers ? 100_000 : 0) - names.size;
    if (!best || score > best.score) best = { definition, score };
  }
  return best?.definition;
}

function sameJson(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}
