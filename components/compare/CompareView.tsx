"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import {
  compareOverlay,
  differentMachinesMessage,
  firstDivergence,
  matchRuns,
  sameStateMachine,
  stateDeltas,
} from "@/lib/compare";
import { parseDefinition } from "@/lib/postmortem/find-state";
import { StateGraph } from "@/components/graph";
import { ErrorNotice } from "@/components/ui/ErrorNotice";
import { DeltaTable } from "./DeltaTable";
import { ExecutionCard } from "./ExecutionCard";
import { RunComparison } from "./RunComparison";
import { useComparedExecution } from "./use-compared-execution";
import styles from "./compare.module.css";

/**
 * Two executions of one state machine side by side: one merged graph that marks every state whose
 * outcome differs (coloured by B's outcome; A is the baseline), where they first diverged, the
 * per-state duration deltas, and A's vs B's input and output for the selected state.
 */
export function CompareView({ a, b }: { a: string; b: string }) {
  const left = useComparedExecution(a);
  const right = useComparedExecution(b);
  const [selectedName, setSelectedName] = useState<string>();
  const [selectedPath, setSelectedPath] = useState<string>();

  const differentMachines =
    left.execution && right.execution && !sameStateMachine(left.execution.stateMachineArn, right.execution.stateMachineArn)
      ? differentMachinesMessage(left.execution.stateMachineName, right.execution.stateMachineName)
      : undefined;

  const express = [left.execution, right.execution].some((x) => x?.stateMachineType === "EXPRESS" && !x.logs);

  const comparison = useMemo(() => {
    if (!left.model || !right.model) return undefined;
    const match = matchRuns(left.model, right.model);
    const deltas = stateDeltas(left.model, right.model, match);
    return { match, deltas, overlay: compareOverlay(deltas, right.model), divergence: firstDivergence(match) };
  }, [left.model, right.model]);

  const definitionText = right.execution?.definition || left.execution?.definition;
  const definition = useMemo(() => parseDefinition(definitionText), [definitionText]);
  const definitionsDiffer = !!left.execution && !!right.execution && left.execution.definition !== right.execution.definition;

  const activeName = selectedName ?? comparison?.divergence?.name;
  const pairsOfState = comparison?.match.pairs.filter((p) => p.name === activeName) ?? [];
  const select = (name: string, path?: string) => {
    setSelectedName(name);
    setSelectedPath(path);
  };

  return (
    <div className="exec-page" data-testid="compare-page">
      <section className="panel">
        <div className="panel-title">
          <h1 className={styles.title}>Compare executions</h1>
          <span className="spacer" />
          <Link className="button" href={`/compare?${new URLSearchParams({ a: b, b: a }).toString()}`}>Swap A and B</Link>
        </div>
        <div className={styles.cards}>
          <ExecutionCard side="A" execution={left.execution} model={left.model} />
          <ExecutionCard side="B" execution={right.execution} model={right.model} />
        </div>
      </section>
      <ErrorNotice error={left.error} title="Cannot load A" />
      <ErrorNotice error={right.error} title="Cannot load B" />
      {express ? (
        <div className="notice notice-info" data-testid="express-compare"><strong>Express executions.</strong><span>Step Functions keeps no event history for Express workflows, so there are no state runs to compare.</span></div>
      ) : differentMachines ? (
        <div className="notice notice-error" role="alert" data-testid="different-machines"><strong>Different state machines.</strong><span>{differentMachines}</span></div>
      ) : (
        <>
          {!comparison && !left.error && !right.error && <p className="muted">Loading both histories…</p>}
          {comparison && (
            <div className={`panel ${styles.divergence}`} data-testid="divergence">
              {comparison.divergence ? (
                <>
                  <span className={styles.divergenceLabel}>First divergence</span>
                  <button type="button" className={styles.pathButton} onClick={() => select(comparison.divergence!.name, comparison.divergence!.path)}>
                    {comparison.divergence.path}
                  </button>
                  <span>{comparison.divergence.description}</span>
                </>
              ) : (
                <span>No divergence: both executions entered the same states with the same outcomes.</span>
              )}
              <span className="spacer" />
              <span className="faint">
                {comparison.match.onlyA.length} runs only in A · {comparison.match.onlyB.length} only in B · {comparison.deltas.filter((d) => d.differs).length} states differ
              </span>
            </div>
          )}
          {definitionsDiffer && (
            <div className="notice notice-warn"><strong>The definitions differ.</strong><span>The graph shows B&apos;s; states only A&apos;s definition has appear in the table.</span></div>
          )}
          {comparison && (
            <div className="exec-grid">
              <section className="panel graph-panel" data-testid="compare-graph">
                <div className="panel-title">
                  <h2>Merged graph</h2>
                  <span className="faint">colour: B&apos;s outcome · dashed outline: outcome differs from A</span>
                </div>
                {definition ? (
                  <StateGraph definition={definition} overlay={comparison.overlay} selected={activeName} onSelect={(name) => select(name)} height={560} label="Merged state machine graph" />
                ) : (
                  <p className="muted">No definition to draw.</p>
                )}
              </section>
              <RunComparison pairs={pairsOfState} selectedPath={selectedPath} onSelectPath={setSelectedPath} />
            </div>
          )}
          {comparison && (
            <section className="panel">
              <div className="panel-title"><h2>Per-state outcome and duration</h2><span className="faint">click a row to compare its data</span></div>
              <DeltaTable deltas={comparison.deltas} selected={activeName} onSelect={(name) => select(name)} />
              {(comparison.match.onlyA.length > 0 || comparison.match.onlyB.length > 0) && (
                <div className={styles.unmatched} data-testid="unmatched-runs">
                  {comparison.match.onlyA.length > 0 && <p><strong>Only in A:</strong> {comparison.match.onlyA.slice(0, 50).join(", ")}{comparison.match.onlyA.length > 50 ? ` … (${comparison.match.onlyA.length})` : ""}</p>}
                  {comparison.match.onlyB.length > 0 && <p><strong>Only in B:</strong> {comparison.match.onlyB.slice(0, 50).join(", ")}{comparison.match.onlyB.length > 50 ? ` … (${comparison.match.onlyB.length})` : ""}</p>}
                </div>
              )}
            </section>
          )}
        </>
      )}
    </div>
  );
}
