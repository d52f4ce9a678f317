/**
 * The keyset cursor of a search page: the (start time, ARN) of the last row shown. The next
 * page asks for rows strictly after it in newest-first order, so a page costs the same at
 * row 10 and at row 900,000, and rows written meanwhile never shift a page.
 */
export interface SearchCursor {
  startedAt: number;
  arn: string;
}

export class SearchCursorError extends Error {
  constructor() {
    super("this search cursor is not one Stepscope made; start the search again from the first page");
    this.name = "SearchCursorError";
  }
}

export function encodeSearchCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.startedAt, cursor.arn]), "utf8").toString("base64url");
}

export function decodeSearchCursor(text: string): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw new SearchCursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !Number.isSafeInteger(parsed[0]) || typeof parsed[1] !== "string" || !parsed[1].startsWith("arn:")) {
    throw new SearchCursorError();
  }
  return { startedAt: parsed[0], arn: parsed[1] };
}
