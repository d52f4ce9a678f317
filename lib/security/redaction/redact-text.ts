/**
 * One payload string, in two passes. Mask: values at a path become "[redacted]" and are
 * remembered; strings that hold JSON (an SQS MessageBody inside a Task's parameters) are
 * payloads of their own; prose that quotes JSON (`… in the input '{"password":…}'`) has the
 * quoted part masked too. Scrub: every remembered value is removed from every string, however
 * it is wrapped. Pure, and iterative over nesting (only strings-inside-strings recurse, at most
 * MAX_STRING_NESTING levels: each level doubles the escaping, so real payloads stop far sooner).
 */
import { applyReplacements, leafValues, skipValue, walkJsonText, type Replacement } from "./json-text";
import type { PathMatcher } from "./path-matcher";
import { REDACTED, type SecretSet } from "./secret-set";

const MAX_STRING_NESTING = 8;
const MASKED_JSON = JSON.stringify(REDACTED);

function mayHoldJson(text: string): boolean {
  return text.length >= 2 && (text.includes("{") || text.includes("["));
}

function startsAsJson(text: string): boolean {
  const first = /\S/.exec(text)?.[0];
  return first === "{" || first === "[" || first === '"';
}

/** `text` as one JSON document, masked; undefined when it is not JSON. */
function maskJsonDocument(text: string, matcher: PathMatcher, secrets: SecretSet, nesting: number): string | undefined {
  const replacements = walkJsonText(text, matcher, {
    onMatched: (start, end) => {
      secrets.addAll(leafValues(text.slice(start, end)));
      return MASKED_JSON;
    },
    onString: (decoded) => (nesting < MAX_STRING_NESTING ? maskText(decoded, matcher, secrets, nesting + 1) : undefined),
  });
  return replacements && applyReplacements(text, replacements);
}

/** JSON quoted inside prose: each balanced {…} or […] that parses is masked as a document. */
function maskProse(text: string, matcher: PathMatcher, secrets: SecretSet, nesting: number): string {
  const replacements: Replacement[] = [];
  // An unbalanced bracket sends the scan to the end of the text; bound the total work.
  let budget = text.length * 8;
  let i = 0;
  while (i < text.length && budget > 0) {
    const open = nextOpening(text, i);
    if (open < 0) break;
    const end = skipValue(text, open);
    budget -= end < 0 ? text.length - open : end - open;
    if (end > 0) {
      const region = text.slice(open, end);
      const masked = maskJsonDocument(region, matcher, secrets, nesting);
      if (masked !== undefined) {
        if (masked !== region) replacements.push({ start: open, end, text: masked });
        i = end;
        continue;
      }
    }
    i = open + 1;
  }
  return applyReplacements(text, replacements);
}

function nextOpening(text: string, from: number): number {
  const brace = text.indexOf("{", from);
  const bracket = text.indexOf("[", from);
  if (brace < 0) return bracket;
  if (bracket < 0) return brace;
  return Math.min(brace, bracket);
}

/** Pass 1: masks by path and adds what it masked to `secrets`. */
export function maskText(text: string, matcher: PathMatcher, secrets: SecretSet, nesting = 0): string {
  if ((!mayHoldJson(text) && !startsAsJson(text)) || !matcher.mayMatch(text)) return text;
  if (startsAsJson(text)) {
    const masked = maskJsonDocument(text, matcher, secrets, nesting);
    if (masked !== undefined) return masked;
  }
  return mayHoldJson(text) ? maskProse(text, matcher, secrets, nesting) : text;
}

/** Pass 2: removes every value in `secrets` from `text`, keeping JSON text valid JSON. */
export function scrubText(text: string, secrets: SecretSet, nesting = 0): string {
  if (!secrets.occursIn(text)) return text;
  if (startsAsJson(text)) {
    const replacements = walkJsonText(text, undefined, {
      onString: (decoded) => (nesting < MAX_STRING_NESTING ? scrubText(decoded, secrets, nesting + 1) : secrets.scrub(decoded)),
      onNumber: (raw) => (secrets.has(raw) ? MASKED_JSON : undefined),
    });
    if (replacements) return applyReplacements(text, replacements);
  }
  return secrets.scrub(text);
}
