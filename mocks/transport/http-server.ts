/** The demo account over real HTTP, for the AWS CLI and for Stepscope's emulator mode. */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { SimulatedDemoAccount } from "../contract";
import { createDemoAccount } from "../account/create-demo-account";
import { answerCborRequest, answerRequest } from "./answer";
import { rpcV2Target } from "./cbor";

export interface EmulatorServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  /** Which scope of the demo organisation to serve ("staging:us-east-1"); the main one (prod:us-east-1) by default. */
  scope?: string;
  /** Serve this account instead of a new one (tests that also inspect call counts). */
  account?: SimulatedDemoAccount;
}

export interface EmulatorServer {
  url: string;
  account: SimulatedDemoAccount;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

export function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const account = options.account ?? createDemoAccount({ seed: options.seed, scope: options.scope });
  const host = options.host ?? "127.0.0.1";
  const server = createServer((req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405, { "content-type": "text/plain", allow: "POST" }).end("AWS endpoints only accept POST\n");
      return;
    }
    readBody(req).then(
      async (bytes) => {
        // The AWS CLI speaks RPC v2 CBOR to CloudWatch; everything else is AWS JSON with X-Amz-Target.
        const rpcTarget = rpcV2Target(new URL(req.url ?? "/", "http://localhost").pathname);
        const answer = rpcTarget
          ? answerCborRequest(account, rpcTarget, bytes)
          : await answerRequest(account, headerValue(req.headers["x-amz-target"]), bytes.toString("utf8"));
        res.writeHead(answer.status, answer.headers).end(answer.body);
      },
      (err: Error) => {
        res.writeHead(413, { "content-type": "text/plain" }).end(`${err.message}\n`);
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8090, host, () => {
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}`,
        account,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function headerValue(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("Request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
