/**
 * A FakeSfn served over real HTTP (AWS JSON 1.0), so a Stepscope started with `next start` can
 * be pointed at it with AWS_ENDPOINT_URL_SFN: the hostile endpoint of the end-to-end attacks.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeSfn } from "./fake-sfn";

export interface FakeSfnHttp {
  url: string;
  close(): Promise<void>;
}

export function serveFakeSfn(fake: FakeSfn): Promise<FakeSfnHttp> {
  const server: Server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "").replace(/^AWSStepFunctions\./, "");
      let body: Record<string, unknown> = {};
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        res.writeHead(400, { "content-type": "application/x-amz-json-1.0" }).end('{"__type":"SerializationException"}');
        return;
      }
      const answer = fake.answer(target, body);
      res.writeHead(answer.status, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify(answer.body));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    ),
  );
}
