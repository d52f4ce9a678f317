/**
 * The `ExecutionDetail` the execution page needs, made from whatever was imported: the
 * description when there is one, else what the history itself says (status, start, stop,
 * input, output, error), and the definition when one matched (empty text otherwise).
 */
import type { ExecutionDescription, ExecutionDetail, ExecutionStatusName } from "@/lib/contract/api";
import type { ExecutionModel } from "@/lib/history/model";
import { nameFromArn } from "@/lib/format/arn";
import type { ImportedDefinition } from "./types";

export function synthesiseDetail(
  fileName: string,
  model: ExecutionModel,
  description?: ExecutionDescription,
  definition?: ImportedDefinition,
  executionArn?: string,
): ExecutionDetail {
  const arn = description?.arn ?? executionArn ?? `imported:${fileName}`;
  const stateMachineArn = description?.stateMachineArn ?? definition?.stateMachineArn ?? "";
  const status: ExecutionStatusName = description?.status ?? (model.status === "UNKNOWN" ? "RUNNING" : model.status);
  const detail: ExecutionDetail = {
    arn,
    name: description?.name ?? (executionArn ? nameFromArn(executionArn) : baseName(fileName)),
    stateMachineArn,
    stateMachineName: definition?.stateMachineName ?? (stateMachineArn ? nameFromArn(stateMachineArn) : "an imported state machine"),
    stateMachineType: definition?.stateMachineType ?? "STANDARD",
    status,
    startedAt: description?.startedAt ?? model.startedAt ?? 0,
    definition: definition?.definition ?? "",
  };
  const stoppedAt = description?.stoppedAt ?? model.stoppedAt;
  if (stoppedAt !== undefined) detail.stoppedAt = stoppedAt;
  const input = description?.input ?? model.input?.text;
  if (input !== undefined) detail.input = input;
  const output = description?.output ?? model.output?.text;
  if (output !== undefined) detail.output = output;
  const error = description?.error ?? model.error;
  if (error !== undefined) detail.error = error;
  const cause = description?.cause ?? model.cause;
  if (cause !== undefined) detail.cause = cause;
  for (const key of ["redriveCount", "redriveStatus", "redriveStatusReason", "mapRunArn"] as const) {
    if (description?.[key] !== undefined) Object.assign(detail, { [key]: description[key] });
  }
  return detail;
}

/** "ops/incident-42/history.json" → "history": the name a person gave the file. */
function baseName(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.json$/i, "") || fileName;
}
