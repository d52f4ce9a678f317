/**
 * Redaction of everything Step Functions returns about one execution (a DescribeExecution
 * answer, a page of history events, a map run…): every string in it is a payload candidate —
 * Step Functions keeps payloads as JSON text in `input`, `output`, `parameters`, `result`,
 * `cause`, `assignedVariables`, `details`… and new fields appear — so none is skipped by name.
 * First every string is masked (collecting the values found at paths, across the whole answer),
 * then every string is scrubbed of all values known for the execution, so a cause on page 3 that
 * quotes the input of event 1 is clean too. Pure; iterative; copies only what changes.
 */
import { createPathMatcher, type PathMatcher } from "./path-matcher";
import type { RedactPath } from "./redact-path";
import { maskText, scrubText } from "./redact-text";
import { SecretSet } from "./secret-set";

type Container = Record<string, unknown> | unknown[];

function isPlainContainer(value: unknown): value is Container {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

interface Frame {
  source: Container;
  keys: (string | number)[];
  next: number;
  copy?: Container;
  parent?: Frame;
  keyInParent?: string | number;
}

function frameOf(source: Container, parent?: Frame, keyInParent?: string | number): Frame {
  const keys = Array.isArray(source) ? source.map((_, i) => i) : Object.keys(source);
  return { source, keys, next: 0, parent, keyInParent };
}

function write(frame: Frame, key: string | number, value: unknown): void {
  frame.copy ??= Array.isArray(frame.source) ? [...frame.source] : { ...frame.source };
  (frame.copy as Record<string | number, unknown>)[key] = value;
}

/** `root` with `change` applied to every string in it (plain objects and arrays; Dates and others untouched). */
export function mapStrings<T>(root: T, change: (text: string) => string): T {
  if (typeof root === "string") return change(root) as T;
  if (!isPlainContainer(root)) return root;
  const stack: Frame[] = [frameOf(root)];
  let result: unknown = root;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.keys.length) {
      stack.pop();
      const done = frame.copy ?? frame.source;
      if (!frame.parent) result = done;
      else if (done !== frame.source) write(frame.parent, frame.keyInParent!, done);
      continue;
    }
    const key = frame.keys[frame.next++];
    const value = (frame.source as Record<string | number, unknown>)[key];
    if (typeof value === "string") {
      const changed = change(value);
      if (changed !== value) write(frame, key, changed);
    } else if (isPlainContainer(value)) {
      stack.push(frameOf(value, frame, key));
    }
  }
  return result as T;
}

const matchers = new WeakMap<readonly RedactPath[], PathMatcher>();

function matcherFor(paths: readonly RedactPath[]): PathMatcher {
  let matcher = matchers.get(paths);
  if (!matcher) {
    matcher = createPathMatcher(paths);
    matchers.set(paths, matcher);
  }
  return matcher;
}

/**
 * `data` masked by `paths` and scrubbed of every value in `secrets` (the execution's values
 * found so far, which this call extends). Pass a fresh SecretSet when nothing is known yet.
 */
export function redactExecutionData<T>(data: T, paths: readonly RedactPath[], secrets: SecretSet = new SecretSet()): T {
  if (paths.length === 0) return data;
  const matcher = matcherFor(paths);
  const masked = mapStrings(data, (text) => maskText(text, matcher, secrets));
  return scrubExecutionData(masked, secrets);
}

/** Only the second pass: data already masked, scrubbed again after more values became known. */
export function scrubExecutionData<T>(data: T, secrets: SecretSet): T {
  if (secrets.size === 0) return data;
  return mapStrings(data, (text) => scrubText(text, secrets));
}

/** One payload as Step Functions sends it (JSON text, or prose). */
export function redactJsonText(text: string, paths: readonly RedactPath[], secrets: SecretSet = new SecretSet()): string {
  return redactExecutionData(text, paths, secrets);
}
