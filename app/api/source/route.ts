import { sourceInfo } from "@/lib/config/env";
import { respond } from "../_lib/respond";

export const dynamic = "force-dynamic";

/** GET /api/source → SourceInfo, for the badge. */
export function GET(): Promise<Response> {
  return respond(async () => sourceInfo());
}
