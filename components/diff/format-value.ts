/** A diff value as one line of text, cut so that one huge value cannot flood the list. */
export const DIFF_VALUE_CUT_CHARS = 300;

export function formatDiffValue(value: unknown): string {
  let text: string;
  if (value === undefined) text = "undefined";
  else if (typeof value === "string") text = JSON.stringify(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > DIFF_VALUE_CUT_CHARS ? `${text.slice(0, DIFF_VALUE_CUT_CHARS)}… (${text.length.toLocaleString("en-US")} chars)` : text;
}
