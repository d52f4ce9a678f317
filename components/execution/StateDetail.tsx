"use client";

import { useMemo, useState } from "react";
import type { ExecutionModel, StateRun } from "@/lib/history/model";
import type { QueryLanguage } from "@/lib/asl";
import type { MapRunReportState } from "@/lib/queries/use-map-run-reports";
import { variablesInScope } from "@/lib/postmortem/variables-in-scope";
import { mapRunTriesOf } from "@/lib/postmortem/map-run-tries-of";
import { matchedCatcher, matchingRule, retriersOf } from "@/lib/postmortem/retry-catch";
import { findStateDefinition } from "@/lib/postmortem/find-state";
import { formatDuration, formatTimestamp } from "@/lib/format/time";
import { visibleText } from "@/lib/security/visible-text";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { JsonView } from "@/components/json/JsonView";
import { JsonDiff } from "@/components/diff/JsonDiff";
import { AttemptsTable } from "./AttemptsTable";
import { CauseView } from "./CauseView";
import { EvaluationFailureView } from "./EvaluationFailureView";
import { JsonataFields } from "./JsonataFields";
import { MapRunPanel } from "./MapRunPanel";
import { StateVariables } from "./StateVariables";

type Tab = "diff" | "input" | "output" | "task" | "jsonata" | "variables" | "attempts" | "raw";

interface Props {
  run: StateRun | undefined;
  definition: unknown;
  now: number;
  /** The whole model, for the variables in scope at the run. */
  model?: ExecutionModel;
  /** The query language in force for the run's state (from the graph). */
  queryLanguage?: QueryLanguage;
  /** A distributed Map run's report (its child executions). */
  mapRunReport?: MapRunReportState;
  /** A processor state picked in the graph, shown over the children. */
  focusState?: string;
  onSelect?: (path: string) => void;
}

/** Everything about one state run: what it did to the data, its attempts, retries and catch. */
export function StateDetail({ run, definition, now, model, queryLanguage, mapRunReport, focusState, onSelect }: Props) {
  const [tab, setTab] = useState<Tab>("diff");
  const state = useMemo(() => (run ? findStateDefinition(definition, run.name) : undefined), [definition, run]);
  const inScopeCount = useMemo(() => (run && model ? variablesInScope(model, run).length : 0), [model, run]);

  if (!run) {
    return (
      <section className="panel state-detail" data-testid="state-detail">
        <p className="muted">Select a state in the graph or the timeline to see its input, output and attempts.</p>
      </section>
    );
  }

  // A Fail state's error is in its definition: its FailStateEntered event does not carry it.
  const failError = run.type === "Fail" && typeof state?.Error === "string" ? state.Error : undefined;
  const lastError = run.error ?? [...run.attempts].reverse().find((a) => a.error)?.error ?? failError;
  const retriers = retriersOf(state);
  const retrier = matchingRule(retriers, run.attempts.find((a) => a.error)?.error);
  const catcher = matchedCatcher(state, run);
  const lastAttempt = run.attempts[run.attempts.length - 1];
  const retries = Math.max(0, run.attempts.length - 1);

  const tabs: { id: Tab; label: string; hidden?: boolean }[] = [
    { id: "diff", label: "Input → Output" },
    { id: "input", label: "Input" },
    { id: "output", label: "Output" },
    { id: "task", label: "Parameters & result", hidden: !lastAttempt },
    { id: "jsonata", label: "Arguments & Output", hidden: queryLanguage !== "JSONata" },
    {
      id: "variables",
      label: `Variables (${Object.keys(run.assignedVariables?.values ?? {}).length} assigned · ${inScopeCount} in scope)`,
      hidden: !run.assignedVariables && inScopeCount === 0,
    },
    { id: "attempts", label: `Attempts (${run.attempts.length})`, hidden: run.attempts.length === 0 },
    { id: "raw", label: `Unknown events (${run.unknownEvents.length})`, hidden: run.unknownEvents.length === 0 },
  ];
  const active = tabs.find((t) => t.id === tab && !t.hidden) ? tab : "diff";

  return (
    <section className="panel state-detail" data-testid="state-detail" data-path={run.path}>
      <div className="sd-title">
        <StatusBadge status={run.status} />
        <h2 title={visibleText(run.path)}>{visibleText(run.name)}</h2>
        <span className="type-tag">{run.type}</span>
        {retries > 0 && <span className="badge-retry">⟳ {retries} {retries === 1 ? "retry" : "retries"}</span>}
        {run.caughtBy && <span className="badge-caught">↪ caught → {run.caughtBy}</span>}
      </div>
      <div className="sd-path mono faint">{run.path}</div>
      <dl className="kv">
        <div><dt>Entered</dt><dd>{formatTimestamp(run.enteredAt)}</dd></div>
        <div><dt>Exited</dt><dd>{run.exitedAt ? formatTimestamp(run.exitedAt) : "—"}</dd></div>
        <div><dt title="from entering the state to leaving it">Duration</dt><dd>{formatDuration((run.exitedAt ?? now) - run.enteredAt)}{run.exitedAt ? "" : " so far"}</dd></div>
        {lastAttempt?.resource && <div><dt>Resource</dt><dd className="mono">{[lastAttempt.resourceType, lastAttempt.resource].filter(Boolean).join(":")}</dd></div>}
      </dl>

      {run.evaluationFailure ? (
        <EvaluationFailureView run={run} state={state} model={model} />
      ) : lastError && (
        <div className="exec-error">
          <div className="exec-error-name"><span aria-hidden>✕</span> {lastError}</div>
          <CauseView cause={run.cause ?? [...run.attempts].reverse().find((a) => a.cause)?.cause} />
        </div>
      )}
      {(retrier || catcher) && (
        <div className="sd-policy">
          {retrier && (
            <div>
              <strong>Retry</strong> matched rule {retrier.index + 1} <span className="mono">[{retrier.rule.errorEquals.join(", ")}]</span>: up to{" "}
              {retrier.rule.maxAttempts} retries, {retrier.rule.intervalSeconds}s × {retrier.rule.backoffRate}
              <sup>n</sup>
              {retrier.rule.maxDelaySeconds !== undefined ? `, capped at ${retrier.rule.maxDelaySeconds}s` : ""}
              {retrier.rule.jitter === "FULL" ? ", full jitter" : ""}. Used {retries} of {retrier.rule.maxAttempts}.
            </div>
          )}
          {catcher && (
            <div>
              <strong>Catch</strong> rule {catcher.index + 1} <span className="mono">[{catcher.rule.errorEquals.join(", ")}]</span> → <strong>{catcher.rule.next}</strong>
              {catcher.rule.resultPath ? <> with the error at <span className="mono">{catcher.rule.resultPath}</span></> : null}
            </div>
          )}
        </div>
      )}

      {mapRunReport && <div style={{ marginTop: 10 }}><MapRunPanel state={mapRunReport} tries={mapRunTriesOf(model, mapRunReport.mapRunArn)} focusState={focusState} /></div>}

      <div className="tabs" role="tablist">
        {tabs.filter((t) => !t.hidden).map((t) => (
          <button key={t.id} role="tab" aria-selected={active === t.id} className={active === t.id ? "tab active" : "tab"} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-body">
        {active === "diff" &&
          (run.output ? (
            <JsonDiff before={run.input?.text} after={run.output.text} beforeTruncated={run.input?.truncated} afterTruncated={run.output.truncated} />
          ) : (
            <p className="muted" data-testid="no-output">
              {run.exitedAt === undefined && run.status === "running"
                ? "The state is still running: there is no output to compare yet."
                : `No output: the state ${run.status === "caught" ? "failed and its Catch passed the error on" : "ended without one"}. Its input is under Input.`}
            </p>
          ))}
        {active === "input" && <Payload payload={run.input} empty="No input recorded for this run." />}
        {active === "output" && <Payload payload={run.output} empty={run.exitedAt ? "No output recorded for this run." : "No output yet: the state is still running."} />}
        {active === "task" && lastAttempt && (
          <div className="two-col">
            <div><h3>Parameters sent</h3><Payload payload={lastAttempt.parameters} empty="The history has no parameters for this task." /></div>
            <div><h3>Result returned</h3><Payload payload={lastAttempt.result} empty="No result: the task did not succeed." /></div>
          </div>
        )}
        {active === "jsonata" && <JsonataFields run={run} state={state} />}
        {active === "variables" && <StateVariables run={run} model={model} onSelect={onSelect} />}
        {active === "attempts" && <AttemptsTable run={run} retrier={retrier?.rule} />}
        {active === "raw" && <JsonView text={JSON.stringify(run.unknownEvents, null, 2)} />}
      </div>
    </section>
  );
}

function Payload({ payload, empty }: { payload?: { text: string; truncated: boolean }; empty: string }) {
  if (!payload) return <p className="muted">{empty}</p>;
  return (
    <>
      <JsonView text={payload.text} truncated={payload.truncated} />
    </>
  );
}
