/** One HTTP request in the AWS JSON 1.0 protocol → the account's answer, for either transport. */
import { randomUUID } from "node:crypto";
import type { DemoAccount } from "../contract";
import { decodeCborBody, encodeCborBody } from "./cbor";

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export const AMZ_JSON = "application/x-amz-json-1.0";

export async function answerRequest(account: DemoAccount, target: string | null, bodyText: string): Promise<HttpAnswer> {
  const headers: Record<string, string> = { "content-type": AMZ_JSON, "x-amzn-requestid": randomUUID() };
  if (!target) {
    return reply(400, headers, { __type: "com.amazon.coral.service#UnknownOperationException", message: "Missing X-Amz-Target header" });
  }
  let body: unknown = {};
  if (bodyText.trim() !== "") {
    try {
      body = JSON.parse(bodyText);
    } catch {
      return reply(400, headers, { __type: "com.amazon.coral.service#SerializationException", message: "The request body is not valid JSON" });
    }
  }
  await account.prepare?.(target, body);
  const response = account.dispatch(target, body);
  return reply(response.status, headers, response.body);
}

function reply(status: number, headers: Record<string, string>, body: unknown): HttpAnswer {
  const type = status >= 400 && body && typeof body === "object" ? (body as { __type?: unknown }).__type : undefined;
  const out = typeof type === "string" ? { ...headers, "x-amzn-errortype": type.split("#").pop() ?? type } : headers;
  return { status, headers: out, body: JSON.stringify(body ?? {}) };
}

/** One RPC v2 CBOR request (the AWS CLI's CloudWatch calls) → the account's answer, CBOR-encoded. */
export function answerCborRequest(account: DemoAccount, target: string, bytes: Uint8Array): HttpAnswer {
  const headers: Record<string, string> = { "content-type": "application/cbor", "smithy-protocol": "rpc-v2-cbor", "x-amzn-requestid": randomUUID() };
  let body: unknown;
  try {
    body = decodeCborBody(bytes);
  } catch {
    return { status: 400, headers, body: encodeCborBody({ __type: "SerializationException", message: "The request body is not valid CBOR" }) };
  }
  const response = account.dispatch(target, body);
  return { status: response.status, headers, body: encodeCborBody(response.body) };
}
