/**
 * lib/import: what people paste or drop (CLI output, definitions, Stepscope exports) → validated
 * histories matched into executions. Pure: runs in the browser (the /import page) and the CLI.
 */
export { readImportFile, STEPSCOPE_EXPORT_VERSION } from "./read-file";
export { parseJsonDocuments, lineAndColumn } from "./json-documents";
export { checkEvents } from "./event-schema";
export { importFiles, matchImports, type ImportedExecution, type ImportResult } from "./match";
export { stateNamesOf } from "./state-names";
export { synthesiseDetail } from "./synthesise";
export type * from "./types";
