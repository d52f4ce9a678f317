import type { AslProblem } from "@/lib/asl";
import { INK, OUTCOMES } from "./theme";

/** Why a definition can't be drawn, one line per problem, as plain text. */
export function AslProblems({ problems }: { problems: readonly AslProblem[] }) {
  return (
    <div role="alert" style={{ padding: "10px 14px", border: `1px solid ${OUTCOMES.failed.color}`, borderRadius: 6, background: OUTCOMES.failed.tint, color: INK.text, fontSize: 13 }}>
      <strong>This state machine definition can&apos;t be drawn ({problems.length} {problems.length === 1 ? "problem" : "problems"}):</strong>
      <ul style={{ margin: "6px 0 0", paddingLeft: 18 }}>
        {problems.map((p, i) => (
          <li key={i}>
            {p.message}
            {p.path && <span style={{ color: INK.muted, fontFamily: "ui-monospace, monospace", fontSize: 11 }}> — {p.path}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
