/**
 * The Smithy RPC v2 CBOR protocol, which the AWS CLI now speaks to CloudWatch
 * (`POST /service/GraniteServiceVersion20100801/operation/GetMetricData`). Bodies are decoded
 * and encoded with the SDK's own CBOR codec; dates travel as tag 1 (epoch seconds).
 */
import { cbor, dateToTag } from "@smithy/core/cbor";

const RPC_PATH = /^\/service\/([A-Za-z0-9_]+)\/operation\/([A-Za-z0-9_]+)\/?$/;

/** The X-Amz-Target-style name (`Service.Operation`) of an RPC v2 path, or undefined. */
export function rpcV2Target(path: string): string | undefined {
  const m = RPC_PATH.exec(path);
  return m ? `${m[1]}.${m[2]}` : undefined;
}

function isDateTag(value: unknown): value is { tag: number; value: number } {
  return typeof value === "object" && value !== null && (value as { tag?: unknown }).tag === 1 && typeof (value as { value?: unknown }).value === "number";
}

/** Tag-1 dates become epoch seconds, the JSON protocol's form, so one dispatcher serves both. */
function untag(value: unknown): unknown {
  if (isDateTag(value)) return value.value;
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(untag);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, untag(v)]));
  return value;
}

export function decodeCborBody(bytes: Uint8Array): unknown {
  return bytes.length === 0 ? {} : untag(cbor.deserialize(bytes));
}

/** Members that are timestamps in the answers the demo gives (epoch seconds in JSON). */
const TIMESTAMP_LISTS = new Set(["Timestamps"]);

function retag(value: unknown, key?: string): unknown {
  if (key !== undefined && TIMESTAMP_LISTS.has(key) && Array.isArray(value)) return value.map((s) => dateToTag(new Date(Number(s) * 1000)));
  if (Array.isArray(value)) return value.map((v) => retag(v));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, retag(v, k)]));
  return value;
}

export function encodeCborBody(body: unknown): Uint8Array {
  return cbor.serialize(retag(body ?? {}));
}
