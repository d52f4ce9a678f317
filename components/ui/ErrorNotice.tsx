"use client";

import { ApiError } from "@/lib/queries";

/**
 * An error shown inline, next to whatever is still on screen. With `stale`, it says the data
 * shown is the last good answer, and that the page keeps trying on its own.
 */
export function ErrorNotice({ error, stale = false, title }: { error: unknown; stale?: boolean; title?: string }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError?.message ?? (error instanceof Error ? error.message : String(error));
  const throttled = apiError?.code === "THROTTLED";
  return (
    <div className={`notice ${throttled ? "notice-warn" : "notice-error"}`} role="alert" data-testid="error-notice">
      <strong>{title ?? (throttled ? "Delayed by AWS throttling" : "Problem")}</strong>
      <span>{message}</span>
      {stale && <span className="notice-stale">Showing the last data received; retrying automatically.</span>}
    </div>
  );
}
