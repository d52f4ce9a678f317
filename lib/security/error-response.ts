/**
 * Every error Stepscope answers, in one shape: the API's `{ error: { code, message } }` JSON,
 * or a plain HTML page for a browser's page request, both with the security headers and a CSP
 * that runs no script. Used by the proxy (refused requests) and by the API's respond().
 */
import type { ApiErrorBody, ApiErrorCode } from "@/lib/contract/api";
import { contentSecurityPolicy, securityHeaders } from "./headers.cjs";

export function errorHeaders(extra: Record<string, string> = {}): Headers {
  const headers = new Headers({ "cache-control": "no-store", "content-security-policy": contentSecurityPolicy(false) });
  for (const { key, value } of securityHeaders()) headers.set(key, value);
  for (const [key, value] of Object.entries(extra)) headers.set(key, value);
  return headers;
}

export function apiErrorResponse(code: ApiErrorCode, message: string, status: number, extra: Record<string, string> = {}): Response {
  const body: ApiErrorBody = { error: { code, message } };
  const headers = errorHeaders({ "content-type": "application/json", ...extra });
  return new Response(JSON.stringify(body), { status, headers });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page with no script and nothing from the request in it beyond escaped text. */
export function htmlErrorResponse(title: string, message: string, status: number, extra: Record<string, string> = {}, hint = ""): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Stepscope</title>
<style>body{font:15px/1.5 system-ui,sans-serif;background:#0f1419;color:#d9dee3;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:34rem;padding:2rem;border:1px solid #2a323c;border-radius:8px;background:#161c23}h1{font-size:1.2rem;margin:0 0 .5rem}code{background:#222a33;padding:.1rem .3rem;border-radius:4px}</style>
</head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${hint}</main></body></html>`;
  return new Response(html, { status, headers: errorHeaders({ "content-type": "text/html; charset=utf-8", ...extra }) });
}
