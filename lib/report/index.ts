/** lib/report: an execution → a Markdown postmortem, a script-friendly summary, an export file. Pure. */
export { postmortemMarkdown, MAX_TIMELINE_ROWS } from "./postmortem-markdown";
export { modelSummary, type ModelSummary, type RunSummary } from "./model-summary";
export { stepscopeExport, exportFileName, type StepscopeExport } from "./stepscope-export";
