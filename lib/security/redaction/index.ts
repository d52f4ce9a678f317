/** Redaction of execution data by operator-named paths (STEPSCOPE_REDACT_PATHS). Pure. */
export { parseRedactPath, parseRedactPaths, RedactPathError, type RedactPath, type Segment } from "./redact-path";
export { REDACTED, SecretSet, MIN_SCRUB_LENGTH } from "./secret-set";
export { mapStrings, redactExecutionData, redactJsonText, scrubExecutionData } from "./redact-execution-data";
export { SecretLedger } from "./secret-ledger";
