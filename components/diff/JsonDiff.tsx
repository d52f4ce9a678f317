"use client";
import { useMemo, useState } from "react";
import { diffJson, type ChangeKind, type JsonChange, type JsonDiffResult } from "@/lib/diff";
import { OKABE_ITO, UI } from "@/components/timeline/palette";
import { linkButtonStyle } from "@/components/json/CopyButton";
import { formatDiffValue } from "./format-value";

export interface JsonDiffProps {
  before: string | undefined;
  after: string | undefined;
  beforeTruncated?: boolean;
  afterTruncated?: boolean;
  /** e.g. "Input → output". */
  title?: string;
}

const GROUPS: { kind: ChangeKind; title: string; sign: string; colour: string; background: string }[] = [
  { kind: "added", title: "Added", sign: "+", colour: "#1A7F37", background: "#E6FFEC" },
  { kind: "removed", title: "Removed", sign: "−", colour: "#CF222E", background: "#FFEBE9" },
  { kind: "changed", title: "Changed", sign: "~", colour: OKABE_ITO.orange, background: "#FFF8C5" },
  { kind: "moved", title: "Moved", sign: "↕", colour: UI.muted, background: UI.subtle },
];

/** What a state did to its data: the changed paths, grouped, with values shown as text. */
export function JsonDiff({ before, after, beforeTruncated, afterTruncated, title = "Input → output" }: JsonDiffProps) {
  const [force, setForce] = useState(false);
  const result = useMemo<JsonDiffResult>(
    () => diffJson(before, after, { force, beforeTruncated, afterTruncated }),
    [before, after, force, beforeTruncated, afterTruncated],
  );
  return (
    <section style={frameStyle}>
      <header style={headerStyle}>
        <strong style={{ fontWeight: 600 }}>{title}</strong>
        {"counts" in result && <Counts result={result} />}
      </header>
      <DiffBody result={result} onForce={() => setForce(true)} />
    </section>
  );
}

function Counts({ result }: { result: Extract<JsonDiffResult, { counts: unknown }> }) {
  const { added, removed, changed, moved } = result.counts;
  return (
    <span style={{ color: UI.muted }}>
      {added} added · {removed} removed · {changed} changed{moved ? ` · ${moved} moved` : ""}
    </span>
  );
}

function DiffBody({ result, onForce }: { result: JsonDiffResult; onForce: () => void }) {
  switch (result.status) {
    case "empty":
      return <p style={noteStyle}>{result.message}</p>;
    case "too-large":
      return (
        <p style={noteStyle}>
          {result.message}{" "}
          <button type="button" style={linkButtonStyle} onClick={onForce}>
            compute the diff
          </button>
        </p>
      );
    case "identical":
      return <p style={noteStyle}>No change: the output is identical to the input.</p>;
    case "not-json":
      return (
        <>
          <p style={noteStyle}>{result.message}</p>
          <ChangeGroups changes={result.changes} />
        </>
      );
    case "changed":
      return <ChangeGroups changes={result.changes} />;
  }
}

function ChangeGroups({ changes }: { changes: JsonChange[] }) {
  return (
    <div style={{ fontFamily: UI.mono, fontSize: 12, lineHeight: "18px", maxHeight: 480, overflow: "auto" }}>
      {GROUPS.map((group) => {
        const inGroup = changes.filter((change) => change.kind === group.kind);
        if (inGroup.length === 0) return null;
        return (
          <div key={group.kind} data-kind={group.kind}>
            <div style={{ fontFamily: UI.font, fontWeight: 600, padding: "4px 8px 2px", color: group.colour }}>
              {group.title} ({inGroup.length})
            </div>
            {inGroup.map((change, i) => (
              <div key={`${change.path}:${i}`} style={{ display: "flex", gap: 6, padding: "1px 8px", background: group.background }}>
                <span style={{ color: group.colour, width: 10, flex: "none" }} aria-label={group.title}>
                  {group.sign}
                </span>
                <span style={{ color: UI.text, flex: "none" }}>{change.path}</span>
                <ChangeValue change={change} />
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}

function ChangeValue({ change }: { change: JsonChange }) {
  const muted = { color: UI.muted, wordBreak: "break-all" } as const;
  switch (change.kind) {
    case "added":
      return <span style={muted}>{formatDiffValue(change.after)}</span>;
    case "removed":
      return <span style={muted}>{formatDiffValue(change.before)}</span>;
    case "changed":
      return (
        <span style={muted}>
          {formatDiffValue(change.before)} → {formatDiffValue(change.after)}
        </span>
      );
    case "moved":
      return <span style={muted}>→ {change.movedTo}</span>;
  }
}

const frameStyle = { fontFamily: UI.font, fontSize: UI.fontSize, color: UI.text, border: `1px solid ${UI.border}`, borderRadius: 4, background: "#fff" } as const;
const headerStyle = { display: "flex", gap: 8, alignItems: "center", padding: "3px 8px", borderBottom: `1px solid ${UI.border}`, background: UI.subtle } as const;
const noteStyle = { margin: 0, padding: "4px 8px", color: UI.muted } as const;
