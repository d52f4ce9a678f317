/** Access token, redaction, read-only switch. See each file; headers live in headers.cjs for next.config.js. */
export { constantTimeEqual } from "./constant-time";
export { decideAccess, isApiPath, tokenCookie, TOKEN_COOKIE, TOKEN_QUERY, type AccessDecision, type AccessRequest } from "./access";
export { parseRedactPath, parseRedactPaths, redactJsonText, redactValue, REDACTED, RedactPathError, type RedactPath } from "./redact";
export { redactHistoryEvent, redactExecutionPayloads } from "./redact-payloads";
export { actionsAllowed, parseSecuritySettings, type SecuritySettings } from "./settings";
