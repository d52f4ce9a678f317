"use client";

import type { StateRun } from "@/lib/history/model";
import type { AslState } from "@/lib/postmortem/find-state";
import { jsonataFieldsOf } from "@/lib/postmortem/evaluation-location";
import { JsonView } from "@/components/json/JsonView";
import css from "./StateVariables.module.css";

/**
 * A JSONata state's expressions as written (Arguments, Output, Assign…) beside what they
 * evaluated to: the Arguments sent to the task (its parameters in the history) and the state's
 * Output.
 */
export function JsonataFields({ run, state }: { run: StateRun; state: AslState | undefined }) {
  const fields = jsonataFieldsOf(state);
  const sent = run.attempts[run.attempts.length - 1]?.parameters;
  return (
    <div className={css.fields} data-testid="jsonata-fields">
      {fields.length === 0 && <p className="muted">The definition gives this state no Arguments, Output or Assign: it passes its input on.</p>}
      {fields.map(({ field, value }) => (
        <div key={field} data-testid={`jsonata-${field}`}>
          <h3>{field} <span className="faint">as written</span></h3>
          <pre>{typeof value === "string" ? value : JSON.stringify(value, null, 2)}</pre>
        </div>
      ))}
      {state?.Arguments !== undefined && (
        <div data-testid="jsonata-arguments-evaluated">
          <h3>Arguments <span className="faint">as evaluated and sent</span></h3>
          {sent ? <JsonView text={sent.text} truncated={sent.truncated} /> : <p className="muted">Not sent: the history has no task scheduled for this run.</p>}
        </div>
      )}
      <div data-testid="jsonata-output-evaluated">
        <h3>Output <span className="faint">as evaluated</span></h3>
        {run.output ? <JsonView text={run.output.text} truncated={run.output.truncated} /> : <p className="muted">No output: the state did not end normally.</p>}
      </div>
    </div>
  );
}
