/** Access token, redaction, read-only switch. See each file; headers live in headers.cjs for next.config.js. */
export { constantTimeEqual } from "./constant-time";
export { decideAccess, isApiPath, tokenCookie, TOKEN_COOKIE, TOKEN_QUERY, type AccessDecision, type AccessRequest } from "./access";
export {
  parseRedactPath,
  parseRedactPaths,
  redactExecutionData,
  redactJsonText,
  REDACTED,
  RedactPathError,
  SecretSet,
  type RedactPath,
} from "./redaction";
export { actionsAllowed, parseSecuritySettings, type SecuritySettings } from "./settings";
