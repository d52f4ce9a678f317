/**
 * A counting HTTP proxy in front of an AWS endpoint (an emulator answering Step Functions,
 * CloudWatch Logs and CloudWatch on one port): every request is forwarded unchanged and counted
 * by its operation, so a test can say how many calls reached "AWS" whatever processes sent them.
 * Operations are named by service: `AWSStepFunctions.ListExecutions`, `Logs_20140328.FilterLogEvents`
 * (JSON protocols, by X-Amz-Target), `GraniteServiceVersion20100801.GetMetricData` (CloudWatch's
 * CBOR protocol, by path).
 */
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";

export interface CountingProxy {
  url: string;
  /** Calls per operation since the last reset. */
  counts(): Record<string, number>;
  /** Calls about one execution (its request's `executionArn`), of one operation or of any, since the last reset. */
  callsAbout(executionArn: string, operation?: string): number;
  /** Calls of every service per calling process since the last reset, by the SDK's app id (AWS_SDK_UA_APP_ID) in the user agent. */
  callers(): Record<string, number>;
  /** Calls of every service since the last reset. */
  total(): number;
  /** Calls of one service (`AWSStepFunctions`, `Logs_20140328`, `GraniteServiceVersion20100801`) since the last reset. */
  totalOf(service: string): number;
  reset(): void;
  close(): Promise<void>;
}

export function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  let counts: Record<string, number> = {};
  let about: Record<string, number> = {};
  let callers: Record<string, number> = {};
  let total = 0;
  const server = createServer((req, res) => {
    const target = String(req.headers["x-amz-target"] ?? "");
    const cbor = /^\/service\/([^/]+)\/operation\/([^/?]+)/.exec(req.url ?? "");
    const operation = target || (cbor ? `${cbor[1]}.${cbor[2]}` : "(none)");
    counts[operation] = (counts[operation] ?? 0) + 1;
    total += 1;
    const caller = /\bapp\/(\S+)/.exec(String(req.headers["user-agent"] ?? "") + " " + String(req.headers["x-amz-user-agent"] ?? ""))?.[1] ?? "(unknown)";
    callers[caller] = (callers[caller] ?? 0) + 1;
    const forward = httpRequest(
      { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", (error) => res.writeHead(502, { "content-type": "text/plain" }).end(error.message));
    // JSON protocols name the execution in the body: kept by operation, so a test can tell its request from background ones.
    let body = "";
    req.on("data", (chunk: Buffer) => {
      if (body.length < 4096) body += chunk.toString();
    });
    req.on("end", () => {
      const arn = /"executionArn"\s*:\s*"([^"]+)"/.exec(body)?.[1];
      if (arn) about[`${operation} ${arn}`] = (about[`${operation} ${arn}`] ?? 0) + 1;
    });
    req.pipe(forward);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        counts: () => ({ ...counts }),
        callsAbout: (executionArn, operation) =>
          Object.entries(about).reduce((n, [key, count]) => (key === `${operation} ${executionArn}` || (!operation && key.endsWith(` ${executionArn}`)) ? n + count : n), 0),
        callers: () => ({ ...callers }),
        total: () => total,
        totalOf: (service) => Object.entries(counts).reduce((n, [operation, count]) => (operation.startsWith(`${service}.`) ? n + count : n), 0),
        reset: () => {
          counts = {};
          about = {};
          callers = {};
          total = 0;
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
