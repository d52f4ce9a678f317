/**
 * The JSONPath subset the demo definitions use, with the ASL data-flow steps built on it:
 * `$`, `$.a.b`, `$.a[0]`, `$['a']`, `$$.Map.Item.Value` for reads, and `$.a.b` for ResultPath.
 * A path that does not match raises the same error Step Functions does: States.Runtime.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The `$$` context object, or a function that builds it only when a path reads it. */
export type ContextSource = Json | (() => Json);

export class StatesError extends Error {
  constructor(
    readonly error: string,
    readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
  }
}

type Segment = string | number;

interface ParsedPath {
  root: "$" | "$$";
  segments: Segment[];
}

// Definitions use a handful of paths over and over: parse each once.
const parsedPaths = new Map<string, ParsedPath>();

function parsePath(path: string): ParsedPath {
  let parsed = parsedPaths.get(path);
  if (!parsed) {
    parsed = parsePathText(path);
    if (parsedPaths.size < 10_000) parsedPaths.set(path, parsed);
  }
  return parsed;
}

function parsePathText(path: string): ParsedPath {
  const root = path.startsWith("$$") ? "$$" : path.startsWith("$") ? "$" : null;
  if (!root) throw new StatesError("States.Runtime", `Invalid path '${path}': it must start with '$'`);
  const segments: Segment[] = [];
  const re = /\.([A-Za-z_][\w-]*)|\[(\d+)\]|\['([^']*)'\]/y;
  re.lastIndex = root.length;
  while (re.lastIndex < path.length) {
    const start = re.lastIndex;
    const m = re.exec(path);
    if (!m || m.index !== start) {
      throw new StatesError("States.Runtime", `Unsupported path '${path}' at position ${start}`);
    }
    segments.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]));
  }
  return { root, segments };
}

export function readPath(path: string, input: Json, contextSource: ContextSource): Json {
  const { root, segments } = parsePath(path);
  const context = root === "$$" ? (typeof contextSource === "function" ? contextSource() : contextSource) : null;
  let current: Json | undefined = root === "$$" ? context : input;
  for (const segment of segments) {
    if (current === null || typeof current !== "object") {
      current = undefined;
    } else if (Array.isArray(current)) {
      current = typeof segment === "number" ? current[segment] : undefined;
    } else {
      current = typeof segment === "string" ? current[segment] : undefined;
    }
    if (current === undefined) {
      throw new StatesError(
        "States.Runtime",
        `The JSONPath '${path}' could not be found in the input '${JSON.stringify(root === "$$" ? context : input)}'`,
      );
    }
  }
  return current as Json;
}

/** Parameters / ItemSelector / ResultSelector: keys ending in `.$` take their value from a path. */
export function resolveTemplate(template: Json, input: Json, context: ContextSource): Json {
  if (Array.isArray(template)) return template.map((item) => resolveTemplate(item, input, context));
  if (template === null || typeof template !== "object") return template;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith(".$") && typeof value === "string") {
      out[key.slice(0, -2)] = readPath(value, input, context);
    } else {
      out[key] = resolveTemplate(value, input, context);
    }
  }
  return out;
}

/** InputPath / OutputPath: absent means `$`, null means `{}`. */
export function selectPath(path: string | null | undefined, value: Json, context: ContextSource): Json {
  if (path === undefined || path === "$") return value;
  if (path === null) return {};
  return readPath(path, value, context);
}

/** ResultPath: absent means `$` (the result replaces the input), null keeps the input. */
export function applyResultPath(resultPath: string | null | undefined, input: Json, result: Json): Json {
  if (resultPath === undefined || resultPath === "$") return result;
  if (resultPath === null) return input;
  const { root, segments } = parsePath(resultPath);
  if (root !== "$" || segments.some((s) => typeof s !== "string")) {
    throw new StatesError("States.Runtime", `Unsupported ResultPath '${resultPath}'`);
  }
  // Copy only along the path: payloads are never mutated in place, so sharing the rest is safe.
  const base: { [key: string]: Json } = isObject(input) ? { ...input } : {};
  let node = base;
  segments.forEach((segment, i) => {
    const key = segment as string;
    if (i === segments.length - 1) {
      node[key] = result;
      return;
    }
    const next = node[key];
    const child: { [key: string]: Json } = isObject(next) ? { ...next } : {};
    node[key] = child;
    node = child;
  });
  return base;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return value !== null && value !== undefined && typeof value === "object" && !Array.isArray(value);
}
