import type { ReactNode } from "react";

/** The frame every metrics chart sits in: a title, an optional note, the body. */
export function MetricPanel({ title, note, children }: { title: string; note?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      <div className="panel-title">
        <h2>{title}</h2>
        {note !== undefined && <span className="faint">{note}</span>}
      </div>
      {children}
    </section>
  );
}
