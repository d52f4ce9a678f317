/** What one imported file turned out to be, once read and validated. */
import type { ExecutionDetail, ExecutionDescription } from "@/lib/contract/api";
import type { HistoryEvent } from "@/lib/history/events";

export interface ImportedHistory {
  kind: "history";
  fileName: string;
  /** Ascending by id, timestamps in epoch milliseconds. */
  events: HistoryEvent[];
  /** Present when the file says which execution it is (a wrapper with `executionArn`). */
  executionArn?: string;
}

export interface ImportedDescription {
  kind: "description";
  fileName: string;
  description: ExecutionDescription;
}

export interface ImportedDefinition {
  kind: "definition";
  fileName: string;
  /** The ASL document as JSON text. */
  definition: string;
  /** From describe-state-machine(-for-execution); absent for a raw ASL file. */
  stateMachineArn?: string;
  stateMachineName?: string;
  stateMachineType?: "STANDARD" | "EXPRESS";
}

export interface ImportedExport {
  kind: "export";
  fileName: string;
  execution: ExecutionDetail;
  events: HistoryEvent[];
}

export interface ImportFailure {
  kind: "error";
  fileName: string;
  /** One line a person can act on. */
  message: string;
}

export type ImportedFile = ImportedHistory | ImportedDescription | ImportedDefinition | ImportedExport | ImportFailure;
