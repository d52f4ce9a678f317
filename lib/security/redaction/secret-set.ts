/**
 * The values found at redaction paths in one execution's data, and their removal from any
 * text: Step Functions copies payloads into prose (`… could not be found in the input '{…}'`),
 * into strings inside strings (an SQS MessageBody, an SNS Message) and into places no path
 * names (a Lambda `Payload`, a nested execution's `Input`), so masking by path alone leaks.
 *
 * Values shorter than MIN_SCRUB_LENGTH are masked where a path names them but not hunted in
 * prose: removing every "ok" or "42" from every message would make the page unreadable. A
 * value of digits only is removed where it stands alone, not from inside a longer number.
 */
export const MIN_SCRUB_LENGTH = 3;
export const REDACTED = "[redacted]";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** How a value is spelled in text: as itself, inside a JSON string, inside a JSON string inside one. */
function spellings(value: string): string[] {
  const once = JSON.stringify(value).slice(1, -1);
  const twice = JSON.stringify(once).slice(1, -1);
  return [...new Set([value, once, twice])];
}

export class SecretSet {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;

  constructor(private readonly maxValues = 10_000) {}

  get size(): number {
    return this.values.size;
  }

  /** Adds a value found at a path; true when it is new. */
  add(value: string): boolean {
    if (value.length < MIN_SCRUB_LENGTH || value === REDACTED || this.values.has(value)) return false;
    // Bounded: the oldest values go first (a set iterates in insertion order).
    if (this.values.size >= this.maxValues) this.values.delete(this.values.values().next().value as string);
    this.values.add(value);
    this.pattern = undefined;
    return true;
  }

  addAll(values: Iterable<string>): void {
    for (const v of values) this.add(v);
  }

  has(value: string): boolean {
    return this.values.has(value);
  }

  private regex(): RegExp | undefined {
    if (this.values.size === 0) return undefined;
    if (!this.pattern) {
      const forms = [...this.values].flatMap(spellings).sort((a, b) => b.length - a.length);
      const alternatives = forms.map((f) => (/^\d+$/.test(f) ? `(?<!\\d)${f}(?!\\d)` : escapeRegExp(f)));
      this.pattern = new RegExp(alternatives.join("|"), "g");
    }
    return this.pattern;
  }

  /** Whether `text` holds any of the values, in any spelling. */
  occursIn(text: string): boolean {
    const re = this.regex();
    if (!re || text.length < MIN_SCRUB_LENGTH) return false;
    re.lastIndex = 0;
    return re.test(text);
  }

  /** `text` with every occurrence of a value replaced by [redacted]. */
  scrub(text: string): string {
    const re = this.regex();
    if (!re || text.length < MIN_SCRUB_LENGTH) return text;
    re.lastIndex = 0;
    return text.replace(re, REDACTED);
  }
}
