/**
 * The Stepscope export: one JSON file with the execution's description, the definition it ran
 * and its history, which /import and the postmortem CLI read back.
 */
import type { ExecutionDetail } from "@/lib/contract/api";
import type { HistoryEvent } from "@/lib/history/events";
import { STEPSCOPE_EXPORT_VERSION } from "@/lib/import/read-file";
import { parseDefinition } from "@/lib/postmortem/find-state";

export interface StepscopeExport {
  stepscopeExport: typeof STEPSCOPE_EXPORT_VERSION;
  /** Epoch ms, passed in: pure code has no clock. */
  exportedAt: number;
  execution: Omit<ExecutionDetail, "definition">;
  /** The ASL document (parsed when it is JSON, so the file is readable), or null. */
  definition: unknown;
  events: HistoryEvent[];
}

export function stepscopeExport(detail: ExecutionDetail, events: readonly HistoryEvent[], exportedAt: number): StepscopeExport {
  const { definition, ...execution } = detail;
  return {
    stepscopeExport: STEPSCOPE_EXPORT_VERSION,
    exportedAt,
    execution,
    definition: parseDefinition(definition) ?? (definition || null),
    events: [...events],
  };
}

/** A file name from the execution's name: safe on every OS. */
export function exportFileName(detail: ExecutionDetail, extension: "json" | "md"): string {
  const base = detail.name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "execution";
  return `${base}.${extension === "json" ? "stepscope.json" : "postmortem.md"}`;
}
