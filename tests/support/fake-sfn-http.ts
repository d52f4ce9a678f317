/**
 * A FakeSfn served over plain HTTP (AWS JSON 1.0), for a `next start` child process pointed at
 * it with AWS_ENDPOINT_URL_SFN. Binds to a free loopback port.
 */
import { createServer, type Server } from "node:http";
import type { FakeSfn } from "./fake-sfn";

export interface ServedFake {
  url: string;
  stop(): Promise<void>;
}

export function serveFakeSfn(fake: FakeSfn): Promise<ServedFake> {
  const server: Server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "").replace(/^AWSStepFunctions\./, "");
      let body: Record<string, unknown> = {};
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        res.writeHead(400, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify({ __type: "com.amazonaws.states#InvalidInput", message: "not JSON" }));
        return;
      }
      const out = fake.answer(target, body);
      res.writeHead("__type" in out ? 400 : 200, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify(out));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        stop: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}
