/** Small helpers to write Markdown that survives any state name, error or payload. */
import { formatPreciseOffset } from "@/lib/format/duration";

/** A table cell: pipes escaped, line breaks folded, never empty. */
export function cell(text: string | number | undefined): string {
  if (text === undefined || text === "") return "—";
  return String(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Inline code that holds any text: the fence is longer than any run of backticks inside. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block that holds any text. */
export function block(text: string, language = ""): string {
  const longest = Math.max(2, ...(text.match(/`{3,}/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

/** "+1.25 s" offsets from the start of the execution. */
/** An offset from the execution's start, formatted as the events table formats it. */
export function offset(ms: number | undefined): string {
  return formatPreciseOffset(ms === undefined ? undefined : Math.max(0, ms));
}

/** Inline code inside a table cell: GFM splits cells on `|` even inside code, unless escaped. */
export function cellCode(text: string): string {
  return code(text.replace(/\r?\n/g, " ")).replace(/\|/g, "\\|");
}
