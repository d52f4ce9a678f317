"use client";

import { useEffect, useRef, useState, type CSSProperties } from "react";
import type { ExecutionDetail } from "@/lib/contract/api";
import type { HistoryEvent } from "@/lib/history/events";
import type { ExecutionModel } from "@/lib/history/model";
import { exportFileName, postmortemMarkdown, stepscopeExport } from "@/lib/report";

interface Props {
  execution: ExecutionDetail;
  events?: HistoryEvent[];
  model?: ExecutionModel;
}

/**
 * Hands an execution over: a Stepscope export (description, definition, history; /import and the
 * postmortem CLI read it back) and the Markdown postmortem, downloaded or copied.
 */
export function ExportMenu({ execution, events, model }: Props) {
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useState<string>();
  const root = useRef<HTMLDivElement>(null);
  const ready = !!events && !!model;

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);

  const markdown = () => (model ? postmortemMarkdown(execution, model) : "");
  const act = (what: () => Promise<void> | void, message: string) => async () => {
    try {
      await what();
      setSaid(message);
    } catch {
      setSaid("The browser refused: select and copy from the downloaded file instead");
    }
    setOpen(false);
    setTimeout(() => setSaid(undefined), 2000);
  };

  return (
    <div ref={root} style={wrap} data-testid="export-menu">
      <button type="button" disabled={!ready} aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)} title={ready ? undefined : "Waiting for the history"}>
        Export ▾
      </button>
      {said && <span role="status" style={toast}>{said}</span>}
      {open && ready && (
        <div role="menu" style={menu}>
          <button type="button" role="menuitem" style={item} onClick={act(() => download(exportFileName(execution, "json"), JSON.stringify(stepscopeExport(execution, events, Date.now()), null, 2), "application/json"), "Export downloaded")}>
            <strong>Stepscope export</strong>
            <span style={hint}>.json · description, definition and history; re-open it on the Import page</span>
          </button>
          <button type="button" role="menuitem" style={item} onClick={act(() => download(exportFileName(execution, "md"), markdown(), "text/markdown"), "Postmortem downloaded")}>
            <strong>Postmortem summary</strong>
            <span style={hint}>.md · what failed, where, when, cause and the timeline</span>
          </button>
          <button type="button" role="menuitem" style={item} onClick={act(() => navigator.clipboard.writeText(markdown()), "Markdown copied")}>
            <strong>Copy postmortem as Markdown</strong>
            <span style={hint}>paste it into the incident document</span>
          </button>
        </div>
      )}
    </div>
  );
}

function download(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const wrap: CSSProperties = { position: "relative", display: "inline-flex", alignItems: "center", gap: 6 };
const menu: CSSProperties = {
  position: "absolute", top: "calc(100% + 4px)", right: 0, zIndex: 20, width: 300, background: "#fff",
  border: "1px solid var(--border-strong)", borderRadius: 6, boxShadow: "0 8px 24px rgba(17, 24, 39, 0.14)", padding: 4,
};
const item: CSSProperties = {
  display: "flex", flexDirection: "column", alignItems: "flex-start", gap: 2, width: "100%", border: "none",
  borderRadius: 4, padding: "7px 10px", textAlign: "left", background: "transparent",
};
const hint: CSSProperties = { color: "var(--text-muted)", fontSize: 11.5 };
const toast: CSSProperties = { fontSize: 11.5, color: "var(--st-succeeded)", whiteSpace: "nowrap" };
