/** The trimmed text of a search form's `q` box as submitted (its DOM value, whatever React's state holds). */
export function submittedText(form: HTMLFormElement): string {
  const value = new FormData(form).get("q");
  return typeof value === "string" ? value.trim() : "";
}
