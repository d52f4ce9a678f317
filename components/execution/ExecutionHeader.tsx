"use client";

import Link from "next/link";
import type { ExecutionDetail, SourceInfo } from "@/lib/contract/api";
import type { ExecutionModel } from "@/lib/history/model";
import { formatDuration, formatTimestamp } from "@/lib/format/time";
import { visibleText } from "@/lib/security/visible-text";
import { consoleExecutionUrl } from "@/lib/format/console-link";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { CopyButton } from "@/components/ui/CopyButton";
import { ScopeTag } from "@/components/sources/ScopeTag";
import { withSource } from "@/lib/scopes";
import { CauseView } from "./CauseView";

interface Props {
  execution: ExecutionDetail;
  model?: ExecutionModel;
  source?: SourceInfo;
  now: number;
  actions?: React.ReactNode;
}

/** Who, what, when and how it ended: everything about the execution as a whole. */
export function ExecutionHeader({ execution, model, source, now, actions }: Props) {
  // The history may be ahead of the description (a running execution that just finished).
  const status = model && model.status !== "UNKNOWN" && model.status !== "RUNNING" ? model.status : execution.status;
  const stoppedAt = execution.stoppedAt ?? model?.stoppedAt;
  const durationMs = (stoppedAt ?? now) - execution.startedAt;
  const error = execution.error ?? model?.error;
  const cause = execution.cause ?? model?.cause;
  const consoleUrl = source && source.kind === "aws" ? consoleExecutionUrl(execution.arn) : undefined;

  return (
    <section className="panel exec-header" data-testid="execution-header">
      <div className="exec-title">
        <StatusBadge status={status} />
        <h1 title={visibleText(execution.name)}>{visibleText(execution.name)}</h1>
        <span className="muted">of</span>
        {execution.stateMachineArn ? (
          <Link href={withSource(`/state-machines/${encodeURIComponent(execution.stateMachineArn)}`, source?.id)}>{visibleText(execution.stateMachineName)}</Link>
        ) : (
          <span>{execution.stateMachineName || "an unknown state machine"}</span>
        )}
        {execution.stateMachineType === "EXPRESS" && <span className="type-tag">Express</span>}
        <ScopeTag arn={execution.arn} source={source?.id} />
        <span className="spacer" />
        {actions}
        <CopyButton text={execution.arn} label="Copy ARN" />
        {consoleUrl && (
          <a className="button" href={consoleUrl} target="_blank" rel="noreferrer noopener">
            Open in AWS console ↗
          </a>
        )}
      </div>
      <dl className="kv">
        <div><dt>Started</dt><dd>{formatTimestamp(execution.startedAt)}</dd></div>
        <div><dt>Stopped</dt><dd>{stoppedAt ? formatTimestamp(stoppedAt) : <span className="muted">still running</span>}</dd></div>
        <div><dt>Duration</dt><dd>{formatDuration(durationMs)}{stoppedAt ? "" : " so far"}</dd></div>
        <div><dt>Events</dt><dd>{model ? model.eventCount.toLocaleString("en-US") : "…"}</dd></div>
        <div><dt>State runs</dt><dd>{model ? model.runs.length.toLocaleString("en-US") : "…"}</dd></div>
        <div><dt>Redrives</dt><dd>{execution.redriveCount ?? model?.redrives.length ?? 0}{execution.redriveStatus ? ` · ${execution.redriveStatus.toLowerCase().replace(/_/g, " ")}` : ""}</dd></div>
      </dl>
      {error && (
        <div className="exec-error" data-testid="execution-error">
          <div className="exec-error-name"><span aria-hidden>✕</span> {error}</div>
          <CauseView cause={cause} />
        </div>
      )}
    </section>
  );
}
