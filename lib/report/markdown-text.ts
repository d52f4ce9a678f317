/**
 * Small helpers to write Markdown that survives any state name, error or payload. A postmortem is
 * pasted into wikis and tickets that render Markdown and often HTML too, so text from an
 * execution never reaches the file as markup: HTML is escaped, Markdown punctuation is escaped
 * outside code, names are made visible (lib/security/visible-text) and cut to a sane length.
 */
import { visibleName, visibleText } from "@/lib/security/visible-text";
import { formatPreciseOffset } from "@/lib/format/duration";

const HTML = /[&<>"]/g;
const HTML_CHARS = /[&<>]/;
const HTML_ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
/** Characters that start Markdown syntax inside a line: emphasis, links and images, code, tables, strike-through. */
const MARKDOWN = /[\\`*_[\]|~]/g;

/** Prose from an execution (a cause's message): no HTML, no Markdown syntax, one line. */
export function text(value: string): string {
  return visibleText(value).replace(MARKDOWN, "\\$&").replace(HTML, (c) => HTML_ENTITY[c]);
}

/** A name from upstream (state, execution, machine, error) as prose: visible, cut, escaped. */
export function name(value: string): string {
  return text(visibleName(value));
}

/** A table cell: pipes escaped, line breaks folded, never empty, no HTML. */
export function cell(value: string | number | undefined): string {
  if (value === undefined || value === "") return "—";
  return typeof value === "number" ? String(value) : name(value);
}

/**
 * Inline code that holds any text: the fence is longer than any run of backticks inside. A value
 * with HTML characters is written as escaped text instead: a code span cannot hold entities, and
 * the file must not carry raw markup for a renderer that lets HTML through.
 */
export function code(value: string): string {
  if (HTML_CHARS.test(value)) return name(value);
  const shown = visibleName(value);
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = shown.startsWith("`") || shown.endsWith("`") ? " " : "";
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** JSON text that means the same with no raw HTML character in it (`<` as \u003c…). */
export function jsonWithoutMarkup(json: string): string {
  return json.replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A fenced block that holds any text; text with HTML characters becomes an escaped quote instead. */
export function block(value: string, language = ""): string {
  if (HTML_CHARS.test(value)) return value.split(/\r?\n/).map((line) => `> ${text(line)}`).join("\n");
  const longest = Math.max(2, ...(value.match(/`{3,}/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${value}\n${fence}`;
}

/** "+1.25 s" offsets from the start of the execution. */
/** An offset from the execution's start, formatted as the events table formats it. */
export function offset(ms: number | undefined): string {
  return formatPreciseOffset(ms === undefined ? undefined : Math.max(0, ms));
}

/** Inline code inside a table cell: GFM splits cells on `|` even inside code, unless escaped. */
export function cellCode(value: string): string {
  return code(value.replace(/\r?\n/g, " ")).replace(/\|/g, "\\|");
}
