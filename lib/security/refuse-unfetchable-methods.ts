/**
 * TRACE and TRACK cannot even be turned into a fetch Request (the Fetch standard forbids them),
 * so Next.js answers them with a bare 500 before the proxy sees them. They are refused here, on
 * the HTTP server itself, with the same 405 JSON contract (or HTML page) and security headers as
 * every other method the proxy refuses. Server only; installed once from instrumentation.ts.
 */
import { Server, type IncomingMessage, type ServerResponse } from "node:http";
import { apiErrorResponse, htmlErrorResponse } from "./error-response";

const UNFETCHABLE = new Set(["TRACE", "TRACK"]);
let installed = false;

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = String(req.method).toUpperCase();
  const message = `${method} is not answered here; use GET or HEAD.`;
  const api = /^\/api(?:[/?]|$)/.test(req.url ?? "");
  const response = api
    ? apiErrorResponse("METHOD_NOT_ALLOWED", message, 405, { allow: "GET, HEAD" })
    : htmlErrorResponse("Method not allowed", message, 405, { allow: "GET, HEAD" });
  const body = await response.text();
  res.writeHead(405, Object.fromEntries(response.headers));
  res.end(body);
}

export function refuseUnfetchableMethods(): void {
  if (installed) return;
  installed = true;
  const emit = Server.prototype.emit;
  // Every http.Server, including the one `next start` already created, dispatches requests through emit.
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      if (UNFETCHABLE.has(String(req.method).toUpperCase())) {
        void answer(req, res);
        return true;
      }
    }
    return (emit as (this: Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as typeof Server.prototype.emit;
}
