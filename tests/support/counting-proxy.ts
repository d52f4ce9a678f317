/**
 * A counting HTTP proxy in front of a Step Functions endpoint: every request is forwarded
 * unchanged and counted by its X-Amz-Target operation, so a test can say how many calls
 * reached "AWS" whatever processes sent them.
 */
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";

export interface CountingProxy {
  url: string;
  /** Calls per operation since the last reset. */
  counts(): Record<string, number>;
  /**
   * Step Functions calls per calling process since the last reset, by the SDK's app id
   * (AWS_SDK_UA_APP_ID) in the user agent. CloudWatch and Logs calls, which an emulator serves on
   * the same port, are counted in `counts` but not here.
   */
  callers(): Record<string, number>;
  /** Step Functions calls since the last reset. */
  total(): number;
  reset(): void;
  close(): Promise<void>;
}

export function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  let counts: Record<string, number> = {};
  let callers: Record<string, number> = {};
  let sfnTotal = 0;
  const server = createServer((req, res) => {
    const target = String(req.headers["x-amz-target"] ?? "");
    const operation = target.replace(/^AWSStepFunctions\./, "") || "(none)";
    counts[operation] = (counts[operation] ?? 0) + 1;
    if (target.startsWith("AWSStepFunctions.")) {
      sfnTotal += 1;
      const caller = /\bapp\/(\S+)/.exec(String(req.headers["user-agent"] ?? "") + " " + String(req.headers["x-amz-user-agent"] ?? ""))?.[1] ?? "(unknown)";
      callers[caller] = (callers[caller] ?? 0) + 1;
    }
    const forward = httpRequest(
      { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", (error) => res.writeHead(502, { "content-type": "text/plain" }).end(error.message));
    req.pipe(forward);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        counts: () => ({ ...counts }),
        callers: () => ({ ...callers }),
        total: () => sfnTotal,
        reset: () => {
          counts = {};
          callers = {};
          sfnTotal = 0;
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
