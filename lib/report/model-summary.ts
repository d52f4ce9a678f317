/** The model in a shape for scripts (`postmortem --json`): stable keys, ISO times, no payloads. */
import type { ExecutionModel } from "@/lib/history/model";

export interface RunSummary {
  path: string;
  name: string;
  type: string;
  status: string;
  attempts: number;
  start: string | null;
  end: string | null;
  durationMs: number | null;
  error: string | null;
  cause: string | null;
}

export interface ModelSummary {
  status: string;
  start: string | null;
  end: string | null;
  durationMs: number | null;
  error: string | null;
  cause: string | null;
  failedStatePath: string | null;
  complete: boolean;
  incompleteReason: string | null;
  eventCount: number;
  /** How Parallel branches in the paths are numbered: as the definition orders them, or by arrival when there was none. */
  branchNumbering: "definition" | "arrival" | null;
  runs: RunSummary[];
}

export function modelSummary(model: ExecutionModel): ModelSummary {
  return {
    status: model.status,
    start: iso(model.startedAt),
    end: iso(model.stoppedAt),
    durationMs: model.durationMs ?? null,
    error: model.error ?? null,
    cause: model.cause ?? null,
    failedStatePath: model.failedRunPath ?? null,
    complete: model.complete,
    incompleteReason: model.incompleteReason ?? null,
    eventCount: model.eventCount,
    branchNumbering: model.branchNumbering ?? null,
    runs: model.runs.map((r) => ({
      path: r.path,
      name: r.name,
      type: r.type,
      status: r.status,
      attempts: r.attempts.length,
      start: iso(r.enteredAt),
      end: iso(r.exitedAt),
      durationMs: r.exitedAt !== undefined ? Math.max(0, r.exitedAt - r.enteredAt) : null,
      error: r.error ?? null,
      cause: r.cause ?? null,
    })),
  };
}

function iso(ms: number | undefined): string | null {
  return ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}
