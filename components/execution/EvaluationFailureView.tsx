"use client";

import type { ExecutionModel, StateRun } from "@/lib/history/model";
import type { AslState } from "@/lib/postmortem/find-state";
import { expressionAt } from "@/lib/postmortem/evaluation-location";
import { variablesInScope } from "@/lib/postmortem/variables-in-scope";
import { CauseView } from "./CauseView";
import css from "./StateVariables.module.css";

/**
 * An EvaluationFailed explained: which state, which field (the location), the expression
 * written there, the error and cause, and the variables the expression could have used. No
 * task ran: the state failed before doing its work.
 */
export function EvaluationFailureView({ run, state, model }: { run: StateRun; state: AslState | undefined; model: ExecutionModel | undefined }) {
  const failure = run.evaluationFailure;
  if (!failure) return null;
  const expression = expressionAt(state, failure.location);
  const names = model ? variablesInScope(model, run).map((v) => `$${v.name}`) : [];
  return (
    <div className={css.evaluation} data-testid="evaluation-failure">
      <div className="exec-error-name"><span aria-hidden>✕</span> {failure.error ?? "Evaluation failed"}</div>
      <div>
        An expression of <strong>{failure.state ?? run.name}</strong> could not be evaluated
        {failure.location ? <> at <code data-testid="evaluation-location">{failure.location}</code></> : null}, so the state failed before doing its work.
      </div>
      {expression !== undefined && (
        <div>
          Written there: <code data-testid="evaluation-expression">{typeof expression === "string" ? expression : JSON.stringify(expression)}</code>
        </div>
      )}
      <CauseView cause={failure.cause} />
      <div className="faint">{names.length > 0 ? `Variables in scope here: ${names.join(", ")}.` : "No variables were in scope here."}</div>
    </div>
  );
}
