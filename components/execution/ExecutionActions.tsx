"use client";

import { useEffect, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ExecutionStatusName } from "@/lib/contract/api";
import { ApiError, fetchJson, queryKeys } from "@/lib/queries";
import { pageApiPath } from "@/lib/queries/fetch-json";
import styles from "./ExecutionActions.module.css";

type Action = "stop" | "redrive";

const REDRIVABLE: ExecutionStatusName[] = ["FAILED", "TIMED_OUT", "ABORTED"];

function actionFor(status: ExecutionStatusName): Action | undefined {
  if (status === "RUNNING") return "stop";
  if (REDRIVABLE.includes(status)) return "redrive";
  return undefined;
}

function actionPath(arn: string, action: Action): string {
  return `/api/executions/${encodeURIComponent(arn)}/${action}`;
}

/** The one write the UI makes; errors come back as ApiError with a message fit to show. */
async function postAction(arn: string, action: Action): Promise<void> {
  let res: Response;
  try {
    res = await fetch(pageApiPath(actionPath(arn, action)), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: "{}",
    });
  } catch {
    throw new ApiError("NETWORK", "Cannot reach the Stepscope server. Is it still running?", 0);
  }
  if (res.ok) return;
  const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  throw new ApiError("INTERNAL", body?.error?.message ?? `The Stepscope server answered ${res.status}.`, res.status);
}

const COPY: Record<Action, { button: string; title: string; explain: string; confirm: string }> = {
  stop: {
    button: "Stop execution",
    title: "Stop this execution?",
    explain: "Step Functions aborts it now. Work already started in other services is not rolled back. This cannot be undone.",
    confirm: "Stop execution",
  },
  redrive: {
    button: "Redrive",
    title: "Redrive this execution?",
    explain: "Step Functions restarts it from the states that did not succeed, with the same input, under the same ARN.",
    confirm: "Redrive",
  },
};

/**
 * Stop (running) or Redrive (failed, timed out, aborted), shown only when the server has
 * actions enabled; each asks for confirmation first. The server checks the switch again.
 */
export function ExecutionActions({ arn, status }: { arn: string; status: ExecutionStatusName }) {
  const action = actionFor(status);
  const queryClient = useQueryClient();
  const availability = useQuery({
    queryKey: ["execution-action", action ?? "none"],
    queryFn: ({ signal }) => fetchJson<{ enabled: boolean }>(actionPath(arn, action as Action), { signal }),
    enabled: action !== undefined,
    staleTime: Infinity,
    retry: false,
  });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  if (!action || !availability.data?.enabled) return null;
  const copy = COPY[action];

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await postAction(arn, action);
      setConfirming(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.execution(arn) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.history(arn) }),
      ]);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className={action === "stop" ? styles.stop : styles.redrive}
        onClick={() => {
          setError(undefined);
          setConfirming(true);
        }}
        data-testid={`action-${action}`}
      >
        {copy.button}
      </button>
      {confirming && (
        <ConfirmDialog
          title={copy.title}
          explain={copy.explain}
          target={arn}
          confirmLabel={busy ? "Working…" : copy.confirm}
          confirmClass={action === "stop" ? styles.confirmStop : styles.confirmRedrive}
          busy={busy}
          error={error}
          onConfirm={run}
          onCancel={() => setConfirming(false)}
        />
      )}
    </>
  );
}

function ConfirmDialog(props: {
  title: string;
  explain: string;
  target: string;
  confirmLabel: string;
  confirmClass: string;
  busy: boolean;
  error?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { onCancel } = props;
  // The safe choice has the focus, and Escape backs out, as in any confirmation dialog.
  useEffect(() => {
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onCancel();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onCancel]);
  return (
    <div className={styles.backdrop} onClick={props.onCancel}>
      <div
        className={styles.dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby="execution-action-title"
        data-testid="action-dialog"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="execution-action-title">{props.title}</h2>
        <p>{props.explain}</p>
        <div className={styles.target}>{props.target}</div>
        {props.error && (
          <div className={styles.error} role="alert">
            {props.error}
          </div>
        )}
        <div className={styles.buttons}>
          <button type="button" ref={cancelRef} onClick={props.onCancel} disabled={props.busy}>
            Cancel
          </button>
          <button type="button" className={props.confirmClass} onClick={props.onConfirm} disabled={props.busy} data-testid="action-confirm">
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
