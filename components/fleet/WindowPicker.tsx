"use client";

import { useState } from "react";
import styles from "./Fleet.module.css";
import { fromInputValue, toInputValue, WINDOW_CHOICES, type WindowParams } from "./window-params";

interface Props {
  value: WindowParams;
  onChange(value: WindowParams): void;
  /** The clock, for the default custom range (the last 6 hours). */
  now: number;
}

/** 15 min · 1 h · 24 h · 7 days · Custom (from/to in UTC). */
export function WindowPicker({ value, onChange, now }: Props) {
  const [draftFrom, setDraftFrom] = useState(() => toInputValue(value.from ?? now - 6 * 3_600_000));
  const [draftTo, setDraftTo] = useState(() => toInputValue(value.to ?? now));
  const [problem, setProblem] = useState<string>();
  const applyCustom = () => {
    const from = fromInputValue(draftFrom);
    const to = fromInputValue(draftTo);
    if (from === undefined || to === undefined) return setProblem("Enter both dates.");
    if (to <= from) return setProblem("'To' must be after 'from'.");
    setProblem(undefined);
    onChange({ window: "custom", from, to });
  };
  return (
    <div className={styles.windowPicker} role="group" aria-label="Time window">
      <div className={styles.segmented}>
        {WINDOW_CHOICES.map((choice) => (
          <button
            key={choice.value}
            type="button"
            aria-pressed={value.window === choice.value}
            className={value.window === choice.value ? styles.segmentActive : styles.segment}
            onClick={() => (choice.value === "custom" ? applyCustom() : onChange({ window: choice.value }))}
          >
            {choice.label}
          </button>
        ))}
      </div>
      {value.window === "custom" && (
        <span className={styles.customRange}>
          <input type="datetime-local" aria-label="From (UTC)" value={draftFrom} onChange={(e) => setDraftFrom(e.target.value)} />
          <span className="faint">→</span>
          <input type="datetime-local" aria-label="To (UTC)" value={draftTo} onChange={(e) => setDraftTo(e.target.value)} />
          <span className="faint">UTC</span>
          <button type="button" onClick={applyCustom}>Apply</button>
          {problem && <span className={styles.problem} role="alert">{problem}</span>}
        </span>
      )}
    </div>
  );
}
