"use client";
import { useState } from "react";
import { CHILDREN_PAGE_SIZE, JSON_VIEW_RAW_CHARS, STRING_CUT_CHARS } from "./json-view-size-gate";
import { linkButtonStyle } from "./CopyButton";

const COLOURS = { key: "#0550AE", string: "#0A3069", number: "#953800", literal: "#8250DF", punct: "#656D76" };

interface JsonNodeProps {
  name?: string | number;
  value: unknown;
  depth: number;
  /** Containers shallower than this start open. */
  openDepth: number;
}

/** One value of a JSON tree. Children are built only when opened, and a page at a time. */
export function JsonNode({ name, value, depth, openDepth }: JsonNodeProps) {
  const isContainer = value !== null && typeof value === "object";
  return (
    <div style={{ paddingLeft: depth === 0 ? 0 : 14 }}>
      {isContainer ? (
        <JsonContainer name={name} value={value as object} depth={depth} openDepth={openDepth} />
      ) : (
        <span>
          <NodeName name={name} />
          <JsonScalar value={value} depth={depth} />
        </span>
      )}
    </div>
  );
}

function JsonContainer({ name, value, depth, openDepth }: { name?: string | number; value: object; depth: number; openDepth: number }) {
  const [open, setOpen] = useState(depth < openDepth);
  const [shown, setShown] = useState(CHILDREN_PAGE_SIZE);
  const isArray = Array.isArray(value);
  const size = isArray ? value.length : Object.keys(value).length;
  const summary = isArray ? `[ ${size} ${size === 1 ? "item" : "items"} ]` : `{ ${size} ${size === 1 ? "key" : "keys"} }`;
  const entries: [string | number, unknown][] = open
    ? isArray
      ? (value as unknown[]).slice(0, shown).map((v, i) => [i, v])
      : Object.entries(value).slice(0, shown)
    : [];
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        style={{ font: "inherit", border: "none", background: "none", padding: 0, cursor: size ? "pointer" : "default", color: "inherit", textAlign: "left" }}
      >
        <span style={{ color: COLOURS.punct, display: "inline-block", width: 12 }}>{size ? (open ? "▾" : "▸") : ""}</span>
        <NodeName name={name} />
        <span style={{ color: COLOURS.punct }}>{open && size ? (isArray ? "[" : "{") : summary}</span>
      </button>
      {entries.map(([key, child]) => (
        <JsonNode key={key} name={key} value={child} depth={depth + 1} openDepth={openDepth} />
      ))}
      {open && size > shown && (
        <div style={{ paddingLeft: 26 }}>
          <button type="button" style={linkButtonStyle} onClick={() => setShown(shown + CHILDREN_PAGE_SIZE)}>
            show {Math.min(CHILDREN_PAGE_SIZE, size - shown)} more ({size - shown} not shown)
          </button>
        </div>
      )}
      {open && size > 0 && <div style={{ color: COLOURS.punct, paddingLeft: 12 }}>{isArray ? "]" : "}"}</div>}
    </>
  );
}

function NodeName({ name }: { name?: string | number }) {
  if (name === undefined) return null;
  return (
    <span style={{ color: typeof name === "number" ? COLOURS.punct : COLOURS.key }}>
      {typeof name === "number" ? name : JSON.stringify(name)}
      <span style={{ color: COLOURS.punct }}>: </span>
    </span>
  );
}

function JsonScalar({ value, depth }: { value: unknown; depth: number }) {
  const [showAll, setShowAll] = useState(false);
  const [asJson, setAsJson] = useState<{ value: unknown } | undefined>();
  const [notJson, setNotJson] = useState(false);
  if (asJson) {
    return (
      <>
        <button type="button" style={linkButtonStyle} onClick={() => setAsJson(undefined)}>
          show as string
        </button>
        <JsonNode value={asJson.value} depth={depth + 1} openDepth={depth + 3} />
      </>
    );
  }
  if (typeof value === "string") {
    const cut = !showAll && value.length > STRING_CUT_CHARS;
    // Step Functions nests payloads as JSON text (an event's input, a Lambda error's cause):
    // offer to open them, parsing only when asked.
    const nested = looksLikeJsonText(value) ? () => parseNested(value) : undefined;
    return (
      <span style={{ color: COLOURS.string, whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
        &quot;{cut ? value.slice(0, STRING_CUT_CHARS) : value}
        {cut ? "…" : ""}&quot;
        {cut && (
          <>
            {" "}
            <button type="button" style={linkButtonStyle} onClick={() => setShowAll(true)}>
              show all ({value.length.toLocaleString("en-US")} chars)
            </button>
          </>
        )}
        {nested && notJson && <span style={{ color: COLOURS.punct }}> (not valid JSON)</span>}
        {nested && !notJson && (
          <>
            {" "}
            <button
              type="button"
              style={linkButtonStyle}
              onClick={() => {
                const parsed = nested();
                if (parsed) setAsJson(parsed);
                else setNotJson(true);
              }}
            >
              view as JSON
            </button>
          </>
        )}
      </span>
    );
  }
  const colour = typeof value === "number" ? COLOURS.number : COLOURS.literal;
  return <span style={{ color: colour }}>{value === undefined ? "undefined" : JSON.stringify(value)}</span>;
}

function looksLikeJsonText(text: string): boolean {
  const first = text.trimStart()[0];
  return (first === "{" || first === "[") && text.length <= JSON_VIEW_RAW_CHARS;
}

function parseNested(text: string): { value: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" ? { value } : undefined;
  } catch {
    return undefined;
  }
}
