import { z } from "zod";
import type { FindResponse } from "@/lib/contract/api";
import { SfnError } from "@/lib/sfn";
import { searchFleet } from "@/lib/server/fleet";
import { mergeFindResponses } from "@/lib/server/sources/merge-find";
import { sourceRegistry, type Scope } from "@/lib/server/sources/registry";
import { scopeForArn, selectScopes } from "@/lib/server/sources/resolve-scope";
import { arnRegionAndAccount } from "@/lib/server/sources/route-arn";
import { scopeFleetIndex } from "@/lib/server/sources/scope-fleet";
import { respond } from "../_lib/respond";
import { sourceParam } from "../_lib/scope";

export const dynamic = "force-dynamic";

const searchQuery = z.object({
  q: z.string({ error: "q is required: an execution ARN, a name or the start of a name" }).trim().min(1, "q is required: an execution ARN, a name or the start of a name").max(2048, "q may be at most 2,048 characters"),
  limit: z.coerce.number({ error: "limit must be a whole number from 1 to 500" }).int("limit must be a whole number from 1 to 500").min(1, "limit must be at least 1").max(500, "limit must be at most 500").optional(),
});

async function findIn(scope: Scope, q: string, limit: number): Promise<FindResponse> {
  return searchFleet(scope.ctx, await scopeFleetIndex(scope), q, limit);
}

/** GET /api/find?q=&limit=[&source=] → FindResponse (an ARN opens in its own source; a name prefix matches across every source's state machines). */
export function GET(request: Request): Promise<Response> {
  return respond(async (): Promise<FindResponse> => {
    const url = new URL(request.url);
    const parsed = searchQuery.safeParse({ q: url.searchParams.get("q") ?? undefined, limit: url.searchParams.get("limit") || undefined });
    if (!parsed.success) throw new SfnError("BAD_REQUEST", parsed.error.issues[0]?.message ?? "invalid query");
    const { q } = parsed.data;
    const limit = parsed.data.limit ?? 100;
    const source = sourceParam(request);
    if (arnRegionAndAccount(q)) return findIn(await scopeForArn(q, source), q, limit);
    const scopes = source === undefined ? sourceRegistry().scopes : selectScopes([source], []);
    if (scopes.length === 1) return findIn(scopes[0], q, limit);
    const answers = await Promise.allSettled(scopes.map((scope) => findIn(scope, q, limit)));
    // Every source failed: say why; otherwise what the sources that answered found.
    const failure = answers.find((a): a is PromiseRejectedResult => a.status === "rejected");
    if (failure && answers.every((a) => a.status === "rejected")) throw failure.reason;
    return mergeFindResponses(q.trim(), answers.flatMap((a) => (a.status === "fulfilled" ? [a.value] : [])), limit);
  });
}
