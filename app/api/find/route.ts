import { z } from "zod";
import type { FindResponse } from "@/lib/contract/api";
import { getSfnContext, SfnError } from "@/lib/sfn";
import { searchFleet } from "@/lib/server/fleet";
import { appFleetIndex } from "@/lib/server/fleet-service";
import { respond } from "../_lib/respond";

export const dynamic = "force-dynamic";

const searchQuery = z.object({
  q: z.string({ error: "q is required: an execution ARN, a name or the start of a name" }).trim().min(1, "q is required: an execution ARN, a name or the start of a name").max(2048, "q may be at most 2,048 characters"),
  limit: z.coerce.number({ error: "limit must be a whole number from 1 to 500" }).int("limit must be a whole number from 1 to 500").min(1, "limit must be at least 1").max(500, "limit must be at most 500").optional(),
});

/** GET /api/find?q=&limit= → FindResponse (an ARN opens; a name prefix matches across every state machine). */
export function GET(request: Request): Promise<Response> {
  return respond(async (): Promise<FindResponse> => {
    const url = new URL(request.url);
    const parsed = searchQuery.safeParse({ q: url.searchParams.get("q") ?? undefined, limit: url.searchParams.get("limit") || undefined });
    if (!parsed.success) throw new SfnError("BAD_REQUEST", parsed.error.issues[0]?.message ?? "invalid query");
    const ctx = getSfnContext();
    return searchFleet(ctx, await appFleetIndex(ctx), parsed.data.q, parsed.data.limit ?? 100);
  });
}
