import { ApiError } from "./api-error";
import type { ApiErrorBody } from "@/lib/contract/api";
import { withPageSource } from "@/lib/scopes/api-source";

/** The page's `?source=`, which its ARN calls carry (see withPageSource). */
export function pageApiPath(path: string): string {
  return typeof window === "undefined" ? path : withPageSource(path, new URLSearchParams(window.location.search).get("source"));
}

/**
 * GET one of our API's paths and return its JSON, or throw an ApiError whose message can be
 * shown as is. Never throws anything else: a proxy's HTML error page or a dropped connection
 * becomes a readable ApiError too.
 */
export async function fetchJson<T>(path: string, init?: { signal?: AbortSignal }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(pageApiPath(path), { signal: init?.signal, headers: { accept: "application/json" }, cache: "no-store" });
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
