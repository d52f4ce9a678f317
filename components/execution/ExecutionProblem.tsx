"use client";

import Link from "next/link";
import { ApiError } from "@/lib/queries";

/** Why an execution (or a state machine) cannot be shown, in words, with what to do about it. */
export function ExecutionProblem({ arn, error, onRetry, what = "execution" }: { arn: string; error: unknown; onRetry(): void; what?: "execution" | "state machine" }) {
  const apiError = error instanceof ApiError ? error : undefined;
  const code = apiError?.code ?? "INTERNAL";
  const title =
    code === "BAD_REQUEST" ? `This is not ${what === "execution" ? "an execution" : "a state machine"} ARN`
    : code === "NOT_FOUND" ? `No such ${what}`
    : code === "ACCESS_DENIED" ? "Access denied"
    : code === "THROTTLED" ? "Step Functions is throttling requests"
    : code === "UNAVAILABLE" || code === "NETWORK" || code === "TIMEOUT" ? "The Step Functions endpoint is not answering"
    : `The ${what} cannot be shown`;
  const transient = apiError?.transient ?? true;
  return (
    <div className="page">
      <section className="panel problem" role="alert" data-testid="execution-problem" data-code={code}>
        <h1>{title}</h1>
        <p>{apiError?.message ?? "Something went wrong while loading it."}</p>
        <p className="mono faint problem-arn">{arn}</p>
        {code === "NOT_FOUND" && what === "execution" && (
          <p className="muted">Standard executions are kept for 90 days after they end; check the Region and account of the source too.</p>
        )}
        <div className="problem-actions">
          {transient && <button type="button" onClick={onRetry}>Try again</button>}
          <Link className="button" href="/">Back to the fleet</Link>
        </div>
      </section>
    </div>
  );
}
