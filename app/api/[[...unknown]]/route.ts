import { errorResponse } from "../_lib/respond";

export const dynamic = "force-dynamic";

/** Any /api path that is not one of ours: the JSON error contract, not the HTML 404 page. */
export function GET(): Response {
  return errorResponse("NOT_FOUND", "No such API path: see the JSON API table in the README for the paths Stepscope answers.", 404);
}
