"use client";

import { parseCause } from "@/lib/history";

/**
 * A failure's cause. Lambda and many services put JSON in it (errorMessage, errorType,
 * stackTrace): shown as a message and a readable stack trace rather than one long line.
 */
export function CauseView({ cause }: { cause?: string }) {
  if (!cause) return null;
  const parsed = parseCause(cause);
  return (
    <div className="cause" data-testid="cause">
      {parsed.type && <div className="cause-type">{parsed.type}</div>}
      <div className="cause-message">{parsed.message}</div>
      {parsed.stackTrace.length > 0 && (
        <pre className="cause-stack">{parsed.stackTrace.join("\n")}</pre>
      )}
    </div>
  );
}
