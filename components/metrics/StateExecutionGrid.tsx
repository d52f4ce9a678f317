"use client";
import type { StateExecutionGrid as GridModel, GridCell, GridColumn } from "@/lib/metrics/state-execution-grid";
import { formatTimestamp } from "@/lib/format/time";
import { OutcomeLegend, OutcomeSquare } from "./OutcomeLegend";
import { OUTCOME_LOOKS } from "./palette";

export interface StateExecutionGridProps {
  grid: GridModel;
  /** Where a cell links to: that execution at that state (a real link: open in a new tab, copy it). */
  cellHref?: (executionArn: string, stateName: string) => string;
  cellSize?: number;
  showLegend?: boolean;
}

/**
 * States × executions, one small square per cell, oldest execution on the left: a state that
 * began failing at 14:05 shows as a run of ✕ from one column on. Each square has a symbol as
 * well as a colour, and a hover title with the execution, its start time and the outcome.
 */
export function StateExecutionGrid({ grid, cellHref, cellSize = 14, showLegend = true }: StateExecutionGridProps) {
  if (grid.columns.length === 0 || grid.rows.length === 0) {
    return <p className="muted">No executions with histories in this window yet.</p>;
  }
  const first = grid.columns[0];
  const last = grid.columns[grid.columns.length - 1];
  return (
    <div>
      <div style={{ overflowX: "auto" }}>
        <table aria-label="State outcomes by execution" style={{ borderCollapse: "separate", borderSpacing: 2, fontSize: 12 }}>
          <thead>
            <tr>
              <th scope="col" style={{ textAlign: "left", fontWeight: 500, color: "#5B6675", paddingRight: 8, whiteSpace: "nowrap" }}>
                State
              </th>
              <th scope="colgroup" colSpan={grid.columns.length} style={{ fontWeight: 400, color: "#8A94A3", fontSize: 11 }}>
                <span style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
                  <span>{formatTimestamp(first.startedAt)}</span>
                  <span>{grid.columns.length} executions, oldest → newest</span>
                  <span>{formatTimestamp(last.startedAt)}</span>
                </span>
              </th>
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row) => (
              <tr key={row.stateName}>
                <th scope="row" style={{ textAlign: "left", fontWeight: 400, paddingRight: 8, whiteSpace: "nowrap", maxWidth: 220, overflow: "hidden", textOverflow: "ellipsis" }} title={row.stateName}>
                  {row.stateName}
                </th>
                {row.cells.map((cell, i) => (
                  <td key={grid.columns[i].executionArn} style={{ padding: 0 }}>
                    <GridSquare cell={cell} column={grid.columns[i]} stateName={row.stateName} size={cellSize} href={cellHref?.(grid.columns[i].executionArn, row.stateName)} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {showLegend && <OutcomeLegend />}
    </div>
  );
}

function GridSquare({ cell, column, stateName, size, href }: { cell: GridCell; column: GridColumn; stateName: string; size: number; href?: string }) {
  const title = cellTitle(cell, column, stateName);
  const style = { display: "block", padding: 0, margin: 0, lineHeight: 0 } as const;
  if (!href) {
    return (
      <span title={title} aria-label={title} role="img" data-outcome={cell.outcome} style={style}>
        <OutcomeSquare outcome={cell.outcome} size={size} />
      </span>
    );
  }
  return (
    <a href={href} title={title} aria-label={title} data-outcome={cell.outcome} data-testid="grid-cell" style={style}>
      <OutcomeSquare outcome={cell.outcome} size={size} />
    </a>
  );
}

export function cellTitle(cell: GridCell, column: GridColumn, stateName: string): string {
  const parts = [`${column.executionName} · ${formatTimestamp(column.startedAt)}`, `${stateName}: ${OUTCOME_LOOKS[cell.outcome].label}`];
  if (cell.entries > 1) parts.push(`${cell.entries} entries`);
  if (cell.retries > 0) parts.push(`${cell.retries} ${cell.retries === 1 ? "retry" : "retries"}`);
  if (cell.error) parts.push(cell.error);
  return parts.join(" · ");
}
