"use client";

import { useMemo } from "react";
import type { ExecutionModel, StateRun } from "@/lib/history/model";
import { variablesInScope } from "@/lib/postmortem/variables-in-scope";
import css from "./StateVariables.module.css";

/** Values longer than this are cut in the table (the full text is in the tooltip). */
const VALUE_CHARS = 300;

/**
 * A state's workflow variables: what it assigned (from its StateExited event, and whether Step
 * Functions truncated the values) and what was in scope when it was entered.
 */
export function StateVariables({ run, model, onSelect }: { run: StateRun; model: ExecutionModel | undefined; onSelect?: (path: string) => void }) {
  const inScope = useMemo(() => (model ? variablesInScope(model, run) : []), [model, run]);
  const assigned = run.assignedVariables;
  const names = assigned ? Object.keys(assigned.values).sort() : [];
  return (
    <div className={css.section} data-testid="state-variables">
      <h3>Assigned by this state</h3>
      {assigned?.truncated && (
        <div className={css.truncated} data-testid="variables-truncated">
          Step Functions truncated these values: a state&apos;s output and its assigned variables share the 256 KiB limit, so what is shown is cut short.
        </div>
      )}
      {names.length === 0 ? (
        <p className="muted">{run.exitedAt === undefined ? "Nothing yet: variables are assigned when the state ends." : "This state assigned no variables."}</p>
      ) : (
        <table className={css.table} data-testid="variables-assigned">
          <tbody>
            {names.map((name) => (
              <tr key={name}>
                <td className={css.name}>${name}</td>
                <td className={css.value} title={assigned!.values[name]}>{cut(assigned!.values[name])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>In scope when it was entered</h3>
      {inScope.length === 0 ? (
        <p className="muted">No variables were assigned before this state on its path.</p>
      ) : (
        <table className={css.table} data-testid="variables-in-scope">
          <tbody>
            {inScope.map((v) => (
              <tr key={v.name}>
                <td className={css.name}>${v.name}</td>
                <td className={css.value} title={v.value}>{cut(v.value)}{v.truncated ? " (truncated)" : ""}</td>
                <td className={css.from}>
                  from{" "}
                  {onSelect ? (
                    <button type="button" className={css.linkButton} onClick={() => onSelect(v.assignedBy)}>{v.assignedBy}</button>
                  ) : (
                    v.assignedBy
                  )}
                  {v.outer ? " (outer scope)" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function cut(text: string): string {
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}…` : text;
}
