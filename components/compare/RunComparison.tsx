"use client";

import type { RunPair } from "@/lib/compare";
import { describePair } from "@/lib/compare";
import type { StateRun } from "@/lib/history/model";
import { formatDuration } from "@/lib/format/time";
import { JsonDiff } from "@/components/diff/JsonDiff";
import { StatusBadge } from "@/components/ui/StatusBadge";
import styles from "./compare.module.css";

/**
 * One state's run in A next to the same run in B: outcome, duration, error, and the diff of A's
 * input against B's input and A's output against B's output.
 */
export function RunComparison({ pairs, selectedPath, onSelectPath }: { pairs: RunPair[]; selectedPath?: string; onSelectPath: (path: string) => void }) {
  if (pairs.length === 0) {
    return (
      <section className="panel state-detail" data-testid="run-comparison">
        <p className="muted">Select a state in the graph or the table to compare its input and output in A and B.</p>
      </section>
    );
  }
  const pair = pairs.find((p) => p.path === selectedPath) ?? pairs.find((p) => p.differs) ?? pairs[0];
  return (
    <section className="panel state-detail" data-testid="run-comparison">
      <div className="sd-title">
        <h2>{pair.name}</h2>
        <span className="type-tag">{pair.type}</span>
        {pair.differs && <span className={styles.diffBadge}>outcome differs</span>}
      </div>
      {pairs.length > 1 ? (
        <label className={styles.runPicker}>
          <span className="faint">Run</span>
          <select value={pair.path} onChange={(e) => onSelectPath(e.target.value)}>
            {pairs.map((p) => (
              <option key={p.path} value={p.path}>{p.path}{p.differs ? " ≠" : ""}</option>
            ))}
          </select>
        </label>
      ) : (
        <div className="sd-path faint">{pair.path}</div>
      )}
      <p className={styles.pairSummary}>{describePair(pair)}</p>
      <div className="two-col">
        <Side side="A" run={pair.a} />
        <Side side="B" run={pair.b} />
      </div>
      <div className={styles.diffs}>
        <JsonDiff title="Input: A → B" before={pair.a?.input?.text} after={pair.b?.input?.text} beforeTruncated={pair.a?.input?.truncated} afterTruncated={pair.b?.input?.truncated} />
        <JsonDiff title="Output: A → B" before={pair.a?.output?.text} after={pair.b?.output?.text} beforeTruncated={pair.a?.output?.truncated} afterTruncated={pair.b?.output?.truncated} />
      </div>
    </section>
  );
}

function Side({ side, run }: { side: "A" | "B"; run?: StateRun }) {
  return (
    <div className={styles.side} data-testid={`run-${side}`}>
      <div className={styles.sideHead}>
        <span className={side === "A" ? styles.sideA : styles.sideB}>{side}</span>
        {run ? <StatusBadge status={run.status} /> : <span className="faint">not entered</span>}
      </div>
      {run && (
        <dl className="kv">
          <div><dt>Duration</dt><dd>{run.exitedAt !== undefined ? formatDuration(run.exitedAt - run.enteredAt) : "—"}</dd></div>
          <div><dt>Attempts</dt><dd>{run.attempts.length || "—"}</dd></div>
          {run.error && <div><dt>Error</dt><dd className={styles.error}>{run.error}</dd></div>}
        </dl>
      )}
    </div>
  );
}
