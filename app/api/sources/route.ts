import type { SourcesResponse } from "@/lib/contract/api";
import { sourceRegistry, toSourceScope } from "@/lib/server/sources/registry";
import { respond } from "../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/sources → SourcesResponse: every account × Region, in configuration order, with its health. */
export function GET(): Promise<Response> {
  return respond(async (): Promise<SourcesResponse> => {
    const { scopes } = sourceRegistry();
    return { sources: scopes.map(toSourceScope), fetchedAt: scopes[0].ctx.now() };
  });
}
