/**
 * Our opaque page cursor for execution lists: where to resume (the SDK's nextToken and how
 * many items of that page were already returned) and which query it belongs to, so a cursor
 * used with another query is refused instead of silently listing the wrong thing.
 */
import { z } from "zod";
import { SfnError } from "./errors";

export interface PageCursor {
  /** The SDK token that fetches the page to resume in; absent for the first page. */
  token?: string;
  /** Items of that page already returned. */
  skip: number;
  /** The SDK page size the cursor was made with: `skip` only means something with the same size. */
  pageSize: number;
  /** Fingerprint of the query the cursor belongs to. */
  query: string;
}

const cursorSchema = z.object({
  t: z.string().optional(),
  s: z.number().int().min(0),
  p: z.number().int().min(1).max(1000),
  q: z.string(),
});

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.token, s: cursor.skip, p: cursor.pageSize, q: cursor.query })).toString("base64url");
}

export function decodeCursor(text: string, query: string): PageCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) throw new SfnError("BAD_REQUEST", "The cursor is not one this server issued; start from the first page.");
  if (parsed.data.q !== query) {
    throw new SfnError("BAD_REQUEST", "The cursor belongs to another query (different filters); start from the first page.");
  }
  return { token: parsed.data.t, skip: parsed.data.s, pageSize: parsed.data.p, query };
}
