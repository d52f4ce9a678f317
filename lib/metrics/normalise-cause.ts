/**
 * Turns a failure's cause into a grouping key: the parts that differ from one execution to the
 * next (ids, numbers, times, ARNs, e-mails, quoted values) become placeholders, so that
 * "Order 123 not found (Request ID: 9f1c…)" and "Order 456 not found (Request ID: 0b7e…)" are
 * one group. What stays is the sentence a person recognises.
 *
 * Placeholders: <arn> <email> <time> <uuid> <id> <n> '<v>' "<v>".
 *
 * Written as a hand-made scanner rather than regular expressions: with every cause unique
 * (each carries a request id), a regex alternation tried at every character cost several
 * microseconds a cause, too slow for 100,000 executions in 50 ms. The scanner reads each
 * character once and only looks closely at tokens that hold a digit, "@" or "arn:".
 */

/** Causes may be 256 KiB; the first part is what tells failures apart, and it keeps grouping cheap. */
const MAX_CAUSE_CHARS = 2_000;
const MAX_KEY_CHARS = 500;

export function normaliseCause(cause: string | undefined | null): string {
  if (!cause) return "";
  const cut = cause.length > MAX_CAUSE_CHARS;
  const key = scan(messageOf(cut ? cause.slice(0, MAX_CAUSE_CHARS) : cause), cut);
  return key.length > MAX_KEY_CHARS ? `${key.slice(0, MAX_KEY_CHARS)}…` : key;
}

function scan(s: string, cut = false): string {
  let out = "";
  let i = 0;
  const n = s.length;
  // Request ids come in every shape (uuid, base32, "1-5f3c-…"); the label before them says
  // what they are, so the token after "Request ID:" / "RequestId=" is an id whatever it looks like.
  let afterRequest = false;
  let expectId = false;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 58 /* : */ || c === 61 /* = */) {
      out += s[i];
      i++;
      continue;
    }
    if (isSpace(c)) {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (out.length > 0 && i < n) out += " ";
      continue;
    }
    if (c === 34 /* " */ || (c === 39 /* ' */ && (i === 0 || !isWordChar(s.charCodeAt(i - 1))))) {
      const close = closingQuote(s, i, c, cut);
      // A double-quoted string followed by ":" is a JSON key: part of the shape, kept.
      if (close > 0 && !(c === 34 && s.charCodeAt(nextNonSpace(s, close + 1)) === 58)) {
        out += c === 34 ? '"<v>"' : "'<v>'";
        i = close + 1;
        continue;
      }
      if (close > 0) {
        out += s.slice(i, close + 1);
        i = close + 1;
        continue;
      }
    }
    if (isTokenChar(c)) {
      let j = i;
      let interesting = false;
      while (j < n) {
        const d = s.charCodeAt(j);
        if (!isTokenChar(d)) break;
        if (isDigit(d) || d === 64 /* @ */) interesting = true;
        j++;
      }
      const token = s.slice(i, j);
      if (expectId) out += "<id>";
      else out += interesting || token.startsWith("arn:") ? tokenKey(token) : token;
      const label = requestLabel(token, afterRequest);
      afterRequest = label === "request";
      expectId = label === "id";
      i = j;
      continue;
    }
    afterRequest = expectId = false;
    out += s[i];
    i++;
  }
  return out;
}

/** "request" (maybe followed by "id"), "id" (an id follows), or nothing. */
function requestLabel(token: string, afterRequest: boolean): "request" | "id" | undefined {
  if (token.length > 12) return undefined;
  const first = token.charCodeAt(0) | 32; // lower-cased ASCII letter
  if (first !== 114 /* r */ && first !== 105 /* i */) return undefined;
  const word = token.toLowerCase().replace(/[:=]+$/, "");
  if (word === "request") return "request";
  if (word === "requestid" || word === "request-id" || word === "request_id") return "id";
  if (afterRequest && word === "id") return "id";
  return undefined;
}

/** A token holding a digit, "@" or an ARN: decide what of it is variable. */
function tokenKey(token: string): string {
  let end = token.length;
  while (end > 0 && isTrailingPunctuation(token.charCodeAt(end - 1))) end--;
  const core = token.slice(0, end);
  const trailing = token.slice(end);
  if (core.startsWith("arn:")) return `<arn>${trailing}`;
  const at = core.indexOf("@");
  if (at > 0 && core.indexOf(".", at) > at + 1 && core.indexOf("@", at + 1) < 0) return `<email>${trailing}`;
  let out = "";
  let i = 0;
  const n = token.length;
  // A sign in front of a number is part of the value: "-1.5" and "1.5" read the same.
  if ((token[0] === "-" || token[0] === "+") && n > 1 && isDigit(token.charCodeAt(1))) i = 1;
  while (i < n) {
    const c = token.charCodeAt(i);
    if (!isAlnum(c)) {
      out += token[i];
      i++;
      continue;
    }
    const atStartOfWord = i === 0 || !isAlnum(token.charCodeAt(i - 1));
    if (atStartOfWord) {
      if (isUuidAt(token, i)) {
        out += "<uuid>";
        i += 36;
        continue;
      }
      const timeLength = isoTimeLengthAt(token, i);
      if (timeLength > 0) {
        out += "<time>";
        i += timeLength;
        continue;
      }
    }
    let j = i;
    let digits = 0;
    let letters = 0;
    let hexOnly = true;
    while (j < n && isAlnum(token.charCodeAt(j))) {
      const d = token.charCodeAt(j);
      if (isDigit(d)) digits++;
      else {
        letters++;
        if (!isHexLetter(d)) hexOnly = false;
      }
      j++;
    }
    const word = token.slice(i, j);
    if (digits > 0 && hexOnly && word.length >= 8) out += "<id>";
    // Long letters-and-digits ids (base62, X-Ray); three digits or more so "DynamoDBv2" stays a word.
    else if (word.length >= 16 && digits >= 3) out += "<id>";
    else if (isDigit(c)) {
      // A number, with its decimals, then whatever letters follow it ("500ms" → "<n>ms").
      let k = i;
      while (k < n && isDigit(token.charCodeAt(k))) k++;
      const integerDigits = k - i;
      if (k + 1 < n && token.charCodeAt(k) === 46 /* . */ && isDigit(token.charCodeAt(k + 1))) {
        k++;
        while (k < n && isDigit(token.charCodeAt(k))) k++;
      }
      // Epoch seconds (10 digits) and milliseconds (13 digits) are times, not counts.
      out += integerDigits === 10 || integerDigits === 13 ? "<time>" : "<n>";
      i = k;
      continue;
    } else out += word; // a word with digits inside, like "v2" or "T1006", is a name, not a value
    i = j;
  }
  return out;
}

function isUuidAt(s: string, i: number): boolean {
  if (i + 36 > s.length) return false;
  for (let k = 0; k < 36; k++) {
    const c = s.charCodeAt(i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== 45 /* - */) return false;
    } else if (!isHexDigit(c)) return false;
  }
  return i + 36 === s.length || !isAlnum(s.charCodeAt(i + 36));
}

/** Length of an ISO-8601 date or date-time at i (2026-11-25, 2026-11-25T14:05:09.123Z), or of a clock time (14:05:09), else 0. */
function isoTimeLengthAt(s: string, i: number): number {
  let k = i;
  if (digitsAt(s, k, 4) && s[k + 4] === "-" && digitsAt(s, k + 5, 2) && s[k + 7] === "-" && digitsAt(s, k + 8, 2)) {
    k += 10;
    if (s[k] !== "T" || !digitsAt(s, k + 1, 2) || s[k + 3] !== ":" || !digitsAt(s, k + 4, 2)) return k - i;
    k += 1;
  } else if (!(digitsAt(s, k, 2) && s[k + 2] === ":" && digitsAt(s, k + 3, 2) && s[k + 5] === ":" && digitsAt(s, k + 6, 2))) {
    return 0;
  }
  k += 5; // hh:mm
  if (s[k] === ":" && digitsAt(s, k + 1, 2)) {
    k += 3;
    if ((s[k] === "." || s[k] === ",") && digitsAt(s, k + 1, 1)) {
      k++;
      while (k < s.length && isDigit(s.charCodeAt(k))) k++;
    }
  }
  if (s[k] === "Z") k++;
  else if ((s[k] === "+" || s[k] === "-") && digitsAt(s, k + 1, 2)) {
    k += 3;
    if (s[k] === ":" && digitsAt(s, k + 1, 2)) k += 3;
    else if (digitsAt(s, k, 2)) k += 2;
  }
  return k - i;
}

function digitsAt(s: string, i: number, count: number): boolean {
  if (i + count > s.length) return false;
  for (let k = i; k < i + count; k++) if (!isDigit(s.charCodeAt(k))) return false;
  return true;
}

function nextNonSpace(s: string, from: number): number {
  let k = from;
  while (k < s.length && isSpace(s.charCodeAt(k))) k++;
  return k;
}

/**
 * Where a quoted value ends, however long it is: AWS quotes the whole state input in causes
 * ("… could not be found in the input '{"order":{…}}'"), and an input cut off at 200 characters
 * made one failure into as many groups as there were input shapes. A single-quoted value still
 * open where the cause was cut runs to the end (the cut is inside it).
 */
function closingQuote(s: string, open: number, quote: number, cut: boolean): number {
  for (let k = open + 1; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === quote) return k;
    if (c === 10 /* \n */) return -1;
  }
  return cut && quote === 39 ? s.length : -1;
}

/**
 * Lambda and many SDK integrations put a JSON object in `cause` (`errorMessage`, `errorType`,
 * `stackTrace`). The message is what identifies the failure; the stack trace would only add
 * frames that vary with deployments. Only the message's string is decoded, not the whole object.
 */
function messageOf(cause: string): string {
  const trimmed = cause.trimStart();
  if (!trimmed.startsWith("{")) return cause;
  for (const field of ['"errorMessage"', '"ErrorMessage"', '"message"', '"Message"']) {
    const at = trimmed.indexOf(field);
    if (at < 0) continue;
    const message = jsonStringAfter(trimmed, at + field.length);
    if (message !== undefined) return message;
  }
  return cause;
}

/** The JSON string value after a key (skipping `:` and spaces), or undefined. */
function jsonStringAfter(s: string, from: number): string | undefined {
  let k = from;
  while (k < s.length && (s[k] === " " || s[k] === ":")) k++;
  if (s[k] !== '"') return undefined;
  for (let end = k + 1; end < s.length; end++) {
    const c = s[end];
    if (c === "\\") end++;
    else if (c === '"') {
      try {
        const value: unknown = JSON.parse(s.slice(k, end + 1));
        return typeof value === "string" ? value : undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isHexLetter(c: number): boolean {
  return (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || isHexLetter(c);
}
function isWordChar(c: number): boolean {
  return isAlnum(c) || c === 95;
}
/** Characters that hold an id, ARN, e-mail, time or number together: letters, digits and _ . : @ + / - */
function isTokenChar(c: number): boolean {
  return isWordChar(c) || c === 46 || c === 58 || c === 64 || c === 43 || c === 47 || c === 45;
}
function isTrailingPunctuation(c: number): boolean {
  return c === 46 || c === 58 || c === 44 || c === 47 || c === 45;
}
