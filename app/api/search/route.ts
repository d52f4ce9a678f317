import type { SearchResponse } from "@/lib/contract/api";
import { loadConfig } from "@/lib/config/env";
import { decodeSearchCursor, encodeSearchCursor, parseSearchQuery, SearchCursorError, SearchQueryError, usesPayloads } from "@/lib/search";
import { SfnError } from "@/lib/sfn";
import { scopeLabel, scopeService, sourceRegistry } from "@/lib/server/sources/registry";
import { NOT_IN_STORE_REASON } from "@/lib/server/sources/store-sharing";
import { searchExecutions } from "@/lib/store";
import { respond } from "../_lib/respond";

export const dynamic = "force-dynamic";

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

/**
 * GET /api/search?q=<query>&cursor=<from the last page>&limit=1..200 → SearchResponse.
 * Every stored execution of every machine, newest first; the query language is in lib/search/query.ts.
 * A source indexed in memory only is not searched (the query's error, cause and payload terms need
 * what only the store keeps): the answer names it in `notSearched` rather than look complete.
 */
export function GET(request: Request): Promise<Response> {
  return respond(async (): Promise<SearchResponse> => {
    const params = new URL(request.url).searchParams;
    const source = params.get("q") ?? "";
    const limitText = params.get("limit");
    const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new SfnError("BAD_REQUEST", `limit must be a whole number from 1 to ${MAX_LIMIT}`);
    let query;
    let after;
    try {
      query = parseSearchQuery(source);
      const cursor = params.get("cursor");
      after = cursor ? decodeSearchCursor(cursor) : undefined;
    } catch (error) {
      if (error instanceof SearchQueryError || error instanceof SearchCursorError) throw new SfnError("BAD_REQUEST", error.message);
      throw error;
    }
    const config = loadConfig();
    const { scopes } = sourceRegistry();
    const { store } = await scopeService(scopes[0]);
    if (!store) {
      throw new SfnError("UNSUPPORTED", "Search reads the store, and STEPSCOPE_DATABASE_URL=memory keeps none: unset it (a SQLite file) or point it at Postgres.");
    }
    const page = await searchExecutions(store, query, limit, after);
    const notSearched = scopes.filter((s) => !s.stored).map((s) => ({ id: s.id, label: scopeLabel(s), reason: NOT_IN_STORE_REASON }));
    return {
      query: source,
      hits: page.hits,
      nextCursor: page.next ? encodeSearchCursor(page.next) : undefined,
      payloadIndexing: config.indexPayloads,
      notice:
        usesPayloads(query) && !config.indexPayloads
          ? "No machine has payload indexing now (STEPSCOPE_INDEX_PAYLOADS is unset): payload terms find only what was indexed before. Set it (e.g. order-*) to index the inputs and outputs of matching machines."
          : undefined,
      ...(notSearched.length > 0 ? { notSearched } : {}),
    };
  });
}
