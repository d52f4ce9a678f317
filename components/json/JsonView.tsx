"use client";
import { useMemo, useState } from "react";
import { UI } from "@/components/timeline/palette";
import { CopyButton, linkButtonStyle } from "./CopyButton";
import { JsonNode } from "./JsonNode";
import { initialOpenDepth, jsonViewSizeGate } from "./json-view-size-gate";

export interface JsonViewProps {
  /** The payload as on the wire (JSON text, or any text). */
  text: string | undefined;
  /** Step Functions' truncation flag for this payload. */
  truncated?: boolean;
  /** A caption such as "Input" or "Output". */
  label?: string;
  /** Say what is missing when there is no payload. */
  emptyMessage?: string;
}

/**
 * A collapsible JSON tree that stays responsive up to 256 KB: parsed only when a tree is
 * shown, big payloads start collapsed, huge ones start as text. Everything is rendered as
 * text: a payload can never inject markup.
 */
export function JsonView({ text, truncated, label, emptyMessage = "No payload." }: JsonViewProps) {
  const mode = jsonViewSizeGate(text?.length ?? 0);
  const [treeAnyway, setTreeAnyway] = useState(false);
  const wantTree = text !== undefined && (mode !== "raw" || treeAnyway);
  const parsed = useMemo(() => (wantTree && text !== undefined ? tryParse(text) : undefined), [wantTree, text]);

  if (text === undefined) {
    return (
      <section style={frameStyle}>
        {label && <Header label={label} />}
        <div style={{ color: UI.muted, padding: "4px 8px" }}>{emptyMessage}</div>
      </section>
    );
  }
  return (
    <section style={frameStyle}>
      <Header label={label} size={text.length} copyText={text} />
      {truncated && <Note>Step Functions truncated this payload: what is shown is incomplete.</Note>}
      {!wantTree ? (
        <>
          <Note>
            This payload is large ({formatChars(text.length)}), so it is shown as text.{" "}
            <button type="button" style={linkButtonStyle} onClick={() => setTreeAnyway(true)}>
              render tree anyway
            </button>
          </Note>
          <pre style={rawStyle}>{text}</pre>
        </>
      ) : parsed && parsed.ok ? (
        <div style={treeStyle}>
          <JsonNode value={parsed.value} depth={0} openDepth={treeAnyway ? 0 : initialOpenDepth(mode)} />
        </div>
      ) : (
        <>
          <Note>{truncated ? "Not complete JSON (truncated): shown as text." : "Not JSON: shown as text."}</Note>
          <pre style={rawStyle}>{text}</pre>
        </>
      )}
    </section>
  );
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function Header({ label, size, copyText }: { label?: string; size?: number; copyText?: string }) {
  return (
    <header style={{ display: "flex", alignItems: "center", gap: 8, padding: "3px 8px", borderBottom: `1px solid ${UI.border}`, background: UI.subtle }}>
      {label && <strong style={{ fontWeight: 600 }}>{label}</strong>}
      {size !== undefined && <span style={{ color: UI.muted }}>{formatChars(size)}</span>}
      <span style={{ flex: 1 }} />
      {copyText !== undefined && <CopyButton text={copyText} />}
    </header>
  );
}

function Note({ children }: { children: React.ReactNode }) {
  return <div style={{ padding: "3px 8px", color: UI.muted, background: "#FFF8C5" }}>{children}</div>;
}

export function formatChars(chars: number): string {
  if (chars < 1024) return `${chars} B`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} KB`;
  return `${(chars / 1024 / 1024).toFixed(1)} MB`;
}

const frameStyle = { fontFamily: UI.font, fontSize: UI.fontSize, color: UI.text, border: `1px solid ${UI.border}`, borderRadius: 4, background: "#fff" } as const;
const treeStyle = { fontFamily: UI.mono, fontSize: 12, lineHeight: "18px", padding: "4px 8px", overflow: "auto", maxHeight: 480 } as const;
const rawStyle = { ...treeStyle, margin: 0, whiteSpace: "pre-wrap", wordBreak: "break-all" } as const;
