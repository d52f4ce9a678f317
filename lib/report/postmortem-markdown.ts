/**
 * The Markdown postmortem summary: what failed, where (the innermost failing state), when,
 * attempts and retries, the error and its cause (JSON pretty-printed), durations, and the
 * timeline as a table — ready to paste into an incident document. The execution page's export
 * and the CLI both produce it. Pure: times come from the detail and the model.
 */
import type { ExecutionDetail } from "@/lib/contract/api";
import { parseCause } from "@/lib/history";
import type { ExecutionModel, StateRun } from "@/lib/history/model";
import { formatDuration, formatTimestamp } from "@/lib/format/time";
import { branchNumberingNote } from "@/lib/postmortem/branch-identity";
import { block, cell, cellCode, code, jsonWithoutMarkup, name, offset, text } from "./markdown-text";

/** Beyond this, the timeline table is cut: a 10,000-iteration Map does not belong in a doc. */
export const MAX_TIMELINE_ROWS = 300;
const SLOWEST_COUNT = 5;

export function postmortemMarkdown(detail: ExecutionDetail, model: ExecutionModel): string {
  const status = detail.status === "RUNNING" && model.status !== "UNKNOWN" && model.status !== "RUNNING" ? model.status : detail.status;
  const startedAt = detail.startedAt || model.startedAt;
  const stoppedAt = detail.stoppedAt ?? model.stoppedAt;
  const out: string[] = [];
  out.push(`# Postmortem: ${name(detail.name)} — ${status}`, "");
  out.push("| | |", "| --- | --- |");
  out.push(`| Execution | ${cellCode(detail.arn)} |`);
  out.push(`| State machine | ${cell(detail.stateMachineName)}${detail.stateMachineArn ? ` (${cellCode(detail.stateMachineArn)})` : ""} |`);
  out.push(`| Status | ${status} |`);
  out.push(`| Started | ${formatTimestamp(startedAt)} |`);
  out.push(`| Stopped | ${stoppedAt !== undefined ? formatTimestamp(stoppedAt) : "still running"} |`);
  out.push(`| Duration | ${stoppedAt !== undefined && startedAt !== undefined ? formatDuration(stoppedAt - startedAt) : "—"} |`);
  out.push(`| Events | ${model.eventCount} |`);
  out.push(`| State runs | ${model.runs.length} |`);
  const retried = model.runs.filter((r) => r.attempts.length > 1);
  out.push(`| Retries | ${retried.reduce((n, r) => n + r.attempts.length - 1, 0)} |`);
  if (model.redrives.length > 0) out.push(`| Redrives | ${model.redrives.length} |`);
  if (!model.complete && model.incompleteReason) out.push("", `> **Incomplete history.** ${model.incompleteReason}`);
  const numbering = branchNumberingNote(model);
  if (numbering) out.push("", `> **Branch numbers by arrival.** ${numbering}`);
  out.push("");

  out.push(...whatFailed(detail, model, startedAt), "");
  if (retried.length > 0) {
    out.push("## Retries", "");
    for (const run of retried) {
      const errors = run.attempts.map((a) => a.error).filter((e): e is string => !!e);
      out.push(`- ${code(run.path)}: ${run.attempts.length} attempts (${run.attempts.length - 1} ${run.attempts.length === 2 ? "retry" : "retries"}), ${run.status}${errors.length ? `; errors: ${unique(errors).map(code).join(", ")}` : ""}`);
    }
    out.push("");
  }
  const caught = model.runs.filter((r) => r.status === "caught");
  if (caught.length > 0) {
    out.push("## Caught errors", "");
    for (const run of caught) out.push(`- ${code(run.path)}: ${run.error ? code(run.error) : "an error"} caught${run.caughtBy ? `, went on to ${code(run.caughtBy)}` : ""}`);
    out.push("");
  }
  out.push(...slowest(model), ...timeline(model, startedAt));
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

function whatFailed(detail: ExecutionDetail, model: ExecutionModel, startedAt: number | undefined): string[] {
  const error = detail.error ?? model.error;
  const cause = detail.cause ?? model.cause;
  const failed = model.failedRunPath ? model.runs.find((r) => r.path === model.failedRunPath) : undefined;
  if (!error && !failed && !cause) {
    return ["## Outcome", "", detail.status === "SUCCEEDED" ? "The execution succeeded." : `The execution is ${detail.status.toLowerCase().replace(/_/g, " ")}; no error was recorded.`];
  }
  const lines = ["## What failed", ""];
  if (error) lines.push(`- **Error:** ${code(error)}`);
  if (failed) {
    lines.push(`- **Where:** ${code(failed.path)} (${failed.type})`);
    const at = failed.exitedAt ?? failed.enteredAt;
    lines.push(`- **When:** ${formatTimestamp(at)} (${offset(startedAt !== undefined ? at - startedAt : undefined)} after the start)`);
    if (failed.attempts.length > 0) {
      lines.push(`- **Attempts:** ${failed.attempts.length} (${failed.attempts.length - 1} ${failed.attempts.length === 2 ? "retry" : "retries"})`);
    }
    if (failed.exitedAt !== undefined) lines.push(`- **State duration:** ${formatDuration(failed.exitedAt - failed.enteredAt)}`);
  } else if (model.stoppedAt !== undefined) {
    lines.push(`- **When:** ${formatTimestamp(model.stoppedAt)}`);
  }
  const failedCause = cause ?? failed?.cause;
  if (failedCause) {
    const parsed = parseCause(failedCause);
    lines.push("", "### Cause", "");
    if (parsed.json !== undefined) {
      if (parsed.type || parsed.message !== failedCause) lines.push(`${parsed.type ? `${code(parsed.type)}: ` : ""}${text(parsed.message)}`, "");
      lines.push(block(jsonWithoutMarkup(JSON.stringify(parsed.json, null, 2)), "json"));
    } else {
      lines.push(block(failedCause));
    }
  }
  return lines;
}

function slowest(model: ExecutionModel): string[] {
  const ended = model.runs.filter((r) => r.exitedAt !== undefined && r.type !== "Parallel" && r.type !== "Map");
  if (ended.length === 0) return [];
  const top = [...ended].sort((a, b) => duration(b)! - duration(a)!).slice(0, SLOWEST_COUNT);
  return ["## Slowest states", "", ...top.map((r) => `- ${code(r.path)}: ${formatDuration(duration(r))}`), ""];
}

function timeline(model: ExecutionModel, startedAt: number | undefined): string[] {
  const lines = ["## Timeline", "", "| State path | Type | Status | Start | Duration | Attempts | Error |", "| --- | --- | --- | --- | --- | --- | --- |"];
  for (const run of model.runs.slice(0, MAX_TIMELINE_ROWS)) {
    const start = startedAt !== undefined ? run.enteredAt - startedAt : undefined;
    lines.push(
      `| ${cellCode(run.path)} | ${cell(run.type)} | ${cell(run.status.replace(/_/g, " "))} | ${offset(start)} | ${run.exitedAt !== undefined ? formatDuration(duration(run)) : "—"} | ${run.attempts.length || "—"} | ${cell(run.error)} |`,
    );
  }
  if (model.runs.length > MAX_TIMELINE_ROWS) lines.push("", `… and ${model.runs.length - MAX_TIMELINE_ROWS} more state runs.`);
  if (model.runs.length === 0) lines.push("| — | | | | | | |");
  return lines;
}

function duration(run: StateRun): number | undefined {
  return run.exitedAt === undefined ? undefined : Math.max(0, run.exitedAt - run.enteredAt);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
