/**
 * What every request must pass before anything else looks at it, pages and API alike and with a
 * token or without: it is addressed to one of our own host names (DNS rebinding), its path is
 * validly percent-encoded, and its method is one we answer. Pure: the proxy turns the decision
 * into a response.
 */
import type { ApiErrorCode } from "@/lib/contract/api";
import { resolveRequestOrigin, type HostPolicy, type OriginHeaders, type RequestOrigin } from "./host-policy";

export interface GateRequest {
  method: string;
  /** The path as received, still percent-encoded. */
  rawPath: string;
  headers: OriginHeaders;
  scheme: "http" | "https";
}

export type GateDecision =
  | { kind: "pass"; origin: RequestOrigin }
  | { kind: "refuse"; status: number; code: ApiErrorCode; message: string; allow?: string };

/** The only routes that take a POST: the execution actions, which check much more themselves. */
const ACTION_PATH = /^\/api\/executions\/[^/]+\/(?:stop|redrive)\/?$/;

export function allowedMethods(rawPath: string): string[] {
  return ACTION_PATH.test(rawPath) ? ["GET", "HEAD", "POST"] : ["GET", "HEAD"];
}

export function isValidlyEncoded(rawPath: string): boolean {
  try {
    decodeURIComponent(rawPath);
    return true;
  } catch {
    return false;
  }
}

export function gateRequest(request: GateRequest, policy: HostPolicy): GateDecision {
  const origin = resolveRequestOrigin(policy, request.headers, request.scheme);
  if (!origin.ok) return { kind: "refuse", status: 403, code: "ACCESS_DENIED", message: origin.message };
  if (!isValidlyEncoded(request.rawPath)) {
    return { kind: "refuse", status: 400, code: "BAD_REQUEST", message: "The request path is not validly percent-encoded." };
  }
  const allow = allowedMethods(request.rawPath);
  const method = request.method.toUpperCase();
  if (!allow.includes(method)) {
    return { kind: "refuse", status: 405, code: "METHOD_NOT_ALLOWED", message: `${method.slice(0, 20)} is not answered here; use ${allow.join(" or ")}.`, allow: allow.join(", ") };
  }
  return { kind: "pass", origin: origin.origin };
}
