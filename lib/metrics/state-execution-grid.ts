import type { ChildStateOutcome, ExecutionStatusName, ExecutionSummary } from "@/lib/contract/api";
import { statusRank } from "@/lib/history/status-rank";
import type { ExecutionModel, RunStatus, StateRun } from "@/lib/history/model";

/** A cell's outcome: a run status, or "retried" for a state that succeeded after retries. */
export type CellOutcome = RunStatus | "retried";

export interface GridColumn {
  executionArn: string;
  executionName: string;
  startedAt: number;
  status: ExecutionStatusName;
}

export interface GridCell {
  outcome: CellOutcome;
  /** Entries into the state in that execution (0 when not reached). */
  entries: number;
  retries: number;
  /** The first error seen in the state, if any. */
  error?: string;
}

export interface GridRow {
  stateName: string;
  /** One per column, same order. */
  cells: GridCell[];
}

export interface StateExecutionGrid {
  /** Oldest to newest. */
  columns: GridColumn[];
  rows: GridRow[];
}

export interface GridSample {
  execution: ExecutionSummary;
  model: ExecutionModel;
  /**
   * States run in the execution's distributed Map children (one record per map run), over the children read: the parent
   * history has no runs for them, so without this they would read "not reached".
   */
  childStates?: ReadonlyArray<Readonly<Record<string, ChildStateOutcome>>>;
}

export interface GridOptions {
  /** How many of the newest executions to show (default 50). */
  lastN?: number;
  /** State names in definition order; states seen but not listed follow in first-seen order. */
  stateNames?: readonly string[];
}

/**
 * When a state ran several times in one execution (a loop, Map iterations), the cell shows the
 * worst thing that happened, so a single failing iteration is not hidden by 99 successes.
 */
// The shared order (lib/history/status-rank), with "retried" (succeeded after retries) between
// a caught error and a run still going.
const SEVERITY = (outcome: CellOutcome) => (outcome === "retried" ? statusRank("running") + 0.5 : statusRank(outcome));

export function buildStateExecutionGrid(samples: readonly GridSample[], options: GridOptions = {}): StateExecutionGrid {
  const lastN = Math.max(0, Math.floor(options.lastN ?? 50));
  const chosen = [...samples]
    .sort((a, b) => a.execution.startedAt - b.execution.startedAt)
    .slice(Math.max(0, samples.length - lastN));
  const columns: GridColumn[] = chosen.map(({ execution }) => ({
    executionArn: execution.arn,
    executionName: execution.name,
    startedAt: execution.startedAt,
    status: execution.status,
  }));
  const rowIndex = new Map<string, number>();
  const rows: GridRow[] = [];
  const rowFor = (name: string): GridRow => {
    let index = rowIndex.get(name);
    if (index === undefined) {
      index = rows.length;
      rowIndex.set(name, index);
      rows.push({ stateName: name, cells: columns.map(() => ({ outcome: "not_reached", entries: 0, retries: 0 })) });
    }
    return rows[index];
  };
  for (const name of options.stateNames ?? []) rowFor(name);
  chosen.forEach(({ model, childStates }, column) => {
    for (const run of model.runs ?? []) mergeRun(rowFor(run.name).cells[column], run);
    for (const states of childStates ?? []) {
      for (const [name, outcome] of Object.entries(states)) mergeChildOutcome(rowFor(name).cells[column], outcome);
    }
  });
  return { columns, rows };
}

function mergeChildOutcome(cell: GridCell, outcome: ChildStateOutcome): void {
  const result: CellOutcome = outcome.status === "succeeded" && outcome.retries > 0 ? "retried" : outcome.status;
  cell.entries += outcome.children;
  cell.retries += outcome.retries;
  if (SEVERITY(result) > SEVERITY(cell.outcome)) cell.outcome = result;
}

function mergeRun(cell: GridCell, run: StateRun): void {
  const retries = Math.max(0, (run.attempts?.length ?? 0) - 1);
  const outcome: CellOutcome = run.status === "succeeded" && retries > 0 ? "retried" : run.status;
  cell.entries++;
  cell.retries += retries;
  if (SEVERITY(outcome) > SEVERITY(cell.outcome)) cell.outcome = outcome;
  if (!cell.error) cell.error = run.error ?? run.attempts?.find((a) => a.error)?.error;
}
