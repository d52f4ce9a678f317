/**
 * The security switches an operator sets, read from the environment and validated. Pure:
 * pass `process.env` or a literal.
 */
import { ConfigError } from "@/lib/config/env";
import { parseRedactPaths, RedactPathError, type RedactPath } from "./redaction";

export interface SecuritySettings {
  /** STEPSCOPE_ALLOW_ACTIONS=true: Stop and Redrive may be sent. Anything else: read-only. */
  allowActions: boolean;
  /** STEPSCOPE_REDACT_PATHS, parsed. */
  redactPaths: RedactPath[];
}

export function parseSecuritySettings(env: Record<string, string | undefined>): SecuritySettings {
  const allow = (env.STEPSCOPE_ALLOW_ACTIONS ?? "").trim().toLowerCase();
  if (allow !== "" && allow !== "true" && allow !== "false") {
    throw new ConfigError(`STEPSCOPE_ALLOW_ACTIONS must be "true" or "false" (or unset), not "${allow.slice(0, 40)}"`);
  }
  let redactPaths: RedactPath[];
  try {
    redactPaths = parseRedactPaths(env.STEPSCOPE_REDACT_PATHS);
  } catch (error) {
    if (error instanceof RedactPathError) throw new ConfigError(`STEPSCOPE_REDACT_PATHS: ${error.message}`);
    throw error;
  }
  return { allowActions: allow === "true", redactPaths };
}

/** Whether actions are enabled right now; read on every call so no stale copy can enable them. */
export function actionsAllowed(env: Record<string, string | undefined> = process.env): boolean {
  return (env.STEPSCOPE_ALLOW_ACTIONS ?? "").trim().toLowerCase() === "true";
}
