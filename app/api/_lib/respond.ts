/**
 * The one wrapper every route uses: run the work, answer JSON, and turn any failure into
 * `{ error: { code, message } }` with the right status — never a stack trace.
 */
import type { ApiErrorCode } from "@/lib/contract/api";
import { ConfigError } from "@/lib/config/env";
import { apiErrorResponse } from "@/lib/security/error-response";
import { SfnError } from "@/lib/sfn";

const NO_STORE = { "cache-control": "no-store" };

/** The JSON error contract, with the security headers (the same builder the proxy's refusals use). */
export function errorResponse(code: ApiErrorCode, message: string, status: number, retryAfterSeconds?: number): Response {
  return apiErrorResponse(code, message, status, retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) });
}

export async function respond(work: () => Promise<unknown>): Promise<Response> {
  return respondWith(async () => Response.json(await work(), { headers: NO_STORE }));
}

/** For an answer already serialized and shared between viewers: streamed as it is, without a copy per response. */
export function respondStream(work: () => Promise<{ body: ReadableStream<Uint8Array> } | { json: unknown }>): Promise<Response> {
  return respondWith(async () => {
    const answer = await work();
    if ("json" in answer) return Response.json(answer.json, { headers: NO_STORE });
    // no-transform: Next.js would otherwise gzip every viewer's copy anew (seconds of CPU for 25 MB).
    return new Response(answer.body, { headers: { "cache-control": "no-store, no-transform", "content-type": "application/json" } });
  });
}

async function respondWith(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SfnError) {
      return errorResponse(error.code, error.message, error.httpStatus, error.retryAfterSeconds);
    }
    if (error instanceof ConfigError) {
      return errorResponse("INTERNAL", error.message, 500);
    }
    // Unknown failures are logged on the server; the browser only learns that something broke.
    console.error("[stepscope] unexpected error in an API route:", error);
    return errorResponse("INTERNAL", "Stepscope hit an unexpected error; the server log has the details.", 500);
  }
}
