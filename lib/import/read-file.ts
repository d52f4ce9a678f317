/**
 * One pasted or dropped file → what it is: a history (`get-execution-history`, one page, pages
 * appended to each other, or a bare event list), an execution description (`describe-execution`),
 * a definition (raw ASL, `describe-state-machine` or `describe-state-machine-for-execution`), or
 * a Stepscope export. Never throws: a bad file becomes an `ImportFailure` with an exact message.
 */
import { z } from "zod";
import type { ExecutionDescription, ExecutionDetail, ExecutionStatusName } from "@/lib/contract/api";
import { normaliseTimestamp } from "@/lib/history";
import { checkEvents } from "./event-schema";
import { parseJsonDocuments } from "./json-documents";
import type { ImportedDefinition, ImportedFile } from "./types";

export const STEPSCOPE_EXPORT_VERSION = 1;

const NOT_RECOGNISED =
  "JSON, but not a Step Functions history: expected `events` (get-execution-history), `executionArn` (describe-execution), " +
  "`States` (a definition), `definition` (describe-state-machine) or `stepscopeExport` (a Stepscope export).";

export function readImportFile(fileName: string, text: string): ImportedFile {
  try {
    const parsed = parseJsonDocuments(text);
    if (!parsed.ok) return { kind: "error", fileName, message: parsed.message };
    const { documents } = parsed;
    if (documents.length > 1) return readPages(fileName, documents);
    return readDocument(fileName, documents[0]);
  } catch (err) {
    // A last guard: whatever slipped through is still a message, never a stack trace.
    return { kind: "error", fileName, message: `Could not read the file: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function readDocument(fileName: string, doc: unknown): ImportedFile {
  if (Array.isArray(doc)) {
    if (doc.length > 0 && doc.every(isHistoryPage)) return readPages(fileName, doc);
    return history(fileName, doc);
  }
  if (!isObject(doc)) return { kind: "error", fileName, message: NOT_RECOGNISED };
  if ("stepscopeExport" in doc) return readExport(fileName, doc);
  if ("events" in doc) {
    if (!Array.isArray(doc.events)) return { kind: "error", fileName, message: "`events` must be a list of history events." };
    return history(fileName, doc.events, typeof doc.executionArn === "string" ? doc.executionArn : undefined);
  }
  if ("executionArn" in doc) return readDescription(fileName, doc);
  if ("definition" in doc) return readDescribedDefinition(fileName, doc);
  if ("States" in doc || "StartAt" in doc) return readAsl(fileName, doc);
  return { kind: "error", fileName, message: NOT_RECOGNISED };
}

/** Several `{ "events": [...] }` pages, in one file or as a list: their events, joined. */
function readPages(fileName: string, pages: unknown[]): ImportedFile {
  const events: unknown[] = [];
  for (const [i, page] of pages.entries()) {
    if (!isHistoryPage(page)) {
      return { kind: "error", fileName, message: `The file holds ${pages.length} JSON documents, but document ${i + 1} is not a history page (\`{ "events": [...] }\`).` };
    }
    events.push(...page.events);
  }
  return history(fileName, events);
}

function history(fileName: string, raw: unknown[], executionArn?: string): ImportedFile {
  const checked = checkEvents(raw);
  if (!checked.ok) return { kind: "error", fileName, message: checked.message };
  return { kind: "history", fileName, events: checked.events, ...(executionArn ? { executionArn } : {}) };
}

const timeField = z.union([z.number(), z.string()]).refine((v) => Number.isFinite(normaliseTimestamp(v)), "must be an ISO 8601 date or epoch seconds");
const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"] as const;

const describeExecutionSchema = z.looseObject({
  executionArn: z.string().min(1),
  stateMachineArn: z.string().min(1),
  name: z.string().optional(),
  status: z.enum(STATUSES),
  startDate: timeField,
  stopDate: timeField.optional(),
  input: z.string().optional(),
  inputDetails: z.looseObject({ included: z.boolean().optional() }).optional(),
  output: z.string().optional(),
  outputDetails: z.looseObject({ included: z.boolean().optional() }).optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
  redriveCount: z.number().int().nonnegative().optional(),
  redriveStatus: z.string().optional(),
  redriveStatusReason: z.string().optional(),
  mapRunArn: z.string().optional(),
});

function readDescription(fileName: string, doc: Record<string, unknown>): ImportedFile {
  const parsed = describeExecutionSchema.safeParse(doc);
  if (!parsed.success) return { kind: "error", fileName, message: `describe-execution output: ${issueText(parsed.error)}` };
  const d = parsed.data;
  const description: ExecutionDescription = {
    arn: d.executionArn,
    name: d.name ?? d.executionArn.split(":").pop() ?? d.executionArn,
    stateMachineArn: d.stateMachineArn,
    status: d.status as ExecutionStatusName,
    startedAt: normaliseTimestamp(d.startDate),
    ...(d.stopDate !== undefined ? { stoppedAt: normaliseTimestamp(d.stopDate) } : {}),
    ...(d.input !== undefined ? { input: d.input } : {}),
    ...(d.output !== undefined ? { output: d.output } : {}),
    ...(d.error !== undefined ? { error: d.error } : {}),
    ...(d.cause !== undefined ? { cause: d.cause } : {}),
    ...(d.redriveCount !== undefined ? { redriveCount: d.redriveCount } : {}),
    ...(d.redriveStatus !== undefined ? { redriveStatus: d.redriveStatus } : {}),
    ...(d.redriveStatusReason !== undefined ? { redriveStatusReason: d.redriveStatusReason } : {}),
    ...(d.mapRunArn !== undefined ? { mapRunArn: d.mapRunArn } : {}),
  };
  return { kind: "description", fileName, description };
}

const describeStateMachineSchema = z.looseObject({
  // describe-state-machine gives JSON text; recorded files often hold the document itself.
  definition: z.union([z.string().min(1), z.looseObject({})]),
  stateMachineArn: z.string().optional(),
  name: z.string().optional(),
  type: z.enum(["STANDARD", "EXPRESS"]).optional(),
});

function readDescribedDefinition(fileName: string, doc: Record<string, unknown>): ImportedFile {
  const parsed = describeStateMachineSchema.safeParse(doc);
  if (!parsed.success) return { kind: "error", fileName, message: `describe-state-machine output: ${issueText(parsed.error)}` };
  const raw = parsed.data.definition;
  const inner = typeof raw === "string" ? parseJsonDocuments(raw) : { ok: true as const, documents: [raw] };
  if (!inner.ok || inner.documents.length !== 1) {
    return { kind: "error", fileName, message: `describe-state-machine output: \`definition\` is not JSON (${inner.ok ? "several documents" : inner.message})` };
  }
  const asl = readAsl(fileName, inner.documents[0]);
  if (asl.kind !== "definition") return asl;
  return {
    ...asl,
    ...(parsed.data.stateMachineArn ? { stateMachineArn: parsed.data.stateMachineArn } : {}),
    ...(parsed.data.name ? { stateMachineName: parsed.data.name } : {}),
    ...(parsed.data.type ? { stateMachineType: parsed.data.type } : {}),
  };
}

function readAsl(fileName: string, doc: unknown): ImportedDefinition | ImportedFile {
  if (!isObject(doc)) return { kind: "error", fileName, message: "The definition must be a JSON object." };
  if (typeof doc.StartAt !== "string") return { kind: "error", fileName, message: "Definition: `StartAt` must be the name of the first state." };
  if (!isObject(doc.States)) return { kind: "error", fileName, message: "Definition: `States` must be an object of states by name." };
  return { kind: "definition", fileName, definition: JSON.stringify(doc, null, 2) };
}

const exportSchema = z.looseObject({
  stepscopeExport: z.literal(STEPSCOPE_EXPORT_VERSION),
  execution: z.looseObject({
    arn: z.string().min(1),
    name: z.string(),
    stateMachineArn: z.string(),
    status: z.enum(STATUSES),
    startedAt: z.number(),
  }),
  definition: z.unknown().optional(),
  events: z.array(z.unknown()),
});

function readExport(fileName: string, doc: Record<string, unknown>): ImportedFile {
  if (doc.stepscopeExport !== STEPSCOPE_EXPORT_VERSION) {
    return { kind: "error", fileName, message: `Stepscope export version ${JSON.stringify(doc.stepscopeExport)} is not supported (this version reads ${STEPSCOPE_EXPORT_VERSION}).` };
  }
  const parsed = exportSchema.safeParse(doc);
  if (!parsed.success) return { kind: "error", fileName, message: `Stepscope export: ${issueText(parsed.error)}` };
  const checked = checkEvents(parsed.data.events);
  if (!checked.ok) return { kind: "error", fileName, message: `Stepscope export: ${checked.message}` };
  const def = parsed.data.definition;
  const definition = typeof def === "string" ? def : def === undefined || def === null ? "" : JSON.stringify(def, null, 2);
  const execution = { stateMachineName: "", stateMachineType: "STANDARD", ...parsed.data.execution, definition } as ExecutionDetail;
  return { kind: "export", fileName, execution, events: checked.events };
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue.path.map(String).join(".");
  return field ? `\`${field}\` ${issue.code === "invalid_type" && /received undefined/.test(issue.message) ? "is missing" : issue.message.replace(/^Invalid input: /, "")}` : issue.message;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function isHistoryPage(v: unknown): v is { events: unknown[] } {
  return isObject(v) && Array.isArray(v.events);
}
