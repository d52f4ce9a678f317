import { ApiError } from "./api-error";
import type { ApiErrorBody } from "@/lib/contract/api";

/**
 * GET one of our API's paths and return its JSON, or throw an ApiError whose message can be
 * shown as is. Never throws anything else: a proxy's HTML error page or a dropped connection
 * becomes a readable ApiError too.
 */
export async function fetchJson<T>(path: string, init?: { signal?: AbortSignal }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { signal: init?.signal, headers: { accept: "application/json" }, cache: "no-store" });
  } catch (err) {
    if ((err as Error)?.name === "AbortError") throw err;
    throw new ApiError("NETWORK", "Cannot reach the Stepscope server. Is it still running?", 0);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError("INTERNAL", `The Stepscope server answered ${res.status} with something that is not JSON.`, res.status);
  }
  if (!res.ok) {
    const error = (body as ApiErrorBody | undefined)?.error;
    const retryAfter = Number(res.headers.get("retry-after")) || undefined;
    throw new ApiError(
      error?.code ?? "INTERNAL",
      error?.message ?? `The Stepscope server answered ${res.status}.`,
      res.status,
      retryAfter,
    );
  }
  return body as T;
}
