/**
 * The layer rules of DESIGN.md as a check over source text. Pure: it is handed the files
 * (path relative to the repository, text) and returns what breaks a rule.
 *
 * - Server-only modules (lib/sfn, lib/server, lib/store, lib/config and the server parts of
 *   lib/security) are never reached from code bundled for the browser: a client component
 *   (a "use client" file, anything under components/ or lib/queries/), followed through
 *   every value import, not only its own.
 * - Pure folders import no React, Next, SDK, msw or Node built-in, no server-only module and
 *   no component, and do not read process.env.
 * - Only lib/sfn imports the AWS SDK.
 * - lib/sfn is the SDK transport only: it imports nothing of lib/server or lib/store, not even a
 *   type, since the services are built on the transport and never the other way round.
 * Type-only imports are erased by the compiler and reach nothing at run time, so elsewhere they are allowed.
 */
import path from "node:path";

export interface SourceFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  rule: string;
  detail: string;
}

const SERVER_ONLY = [/^lib\/sfn\//, /^lib\/server\//, /^lib\/store\//, /^lib\/config\//, /^lib\/security\/(settings|access|action-guard|constant-time|headers)\b/];

export const PURE_FOLDERS = ["lib/asl", "lib/history", "lib/postmortem", "lib/timeline", "lib/metrics", "lib/diff", "lib/compare", "lib/report", "lib/import", "lib/format", "lib/contract", "lib/search", "lib/events", "lib/scopes"];

const FORBIDDEN_IN_PURE = /^(react|react-dom|next|msw|@aws-sdk|@tanstack|recharts|pg|better-sqlite3|kysely)(\/|$)|^node:|^(fs|path|os|http|https|net|child_process|crypto|zlib|url|util|stream|worker_threads)$/;

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", ".d.ts"];

export function isServerOnly(file: string): boolean {
  return SERVER_ONLY.some((r) => r.test(file));
}

export function isPure(file: string): boolean {
  return PURE_FOLDERS.some((folder) => file.startsWith(`${folder}/`));
}

export function isClient(file: SourceFile): boolean {
  return file.path.startsWith("components/") || file.path.startsWith("lib/queries/") || hasUseClient(file.text);
}

function hasUseClient(text: string): boolean {
  // The directive must come first, before any statement (comments aside).
  const body = text.replace(/^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, "");
  return /^["']use client["']/.test(body);
}

/** Value imports of a file: static, side-effect, re-exports, dynamic import() and require(). */
export function valueImports(text: string): string[] {
  return imports(text, false);
}

/** Every import of a file, type-only ones included. */
export function allImports(text: string): string[] {
  return imports(text, true);
}

function imports(text: string, withTypes: boolean): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/[^\n]*/g, "$1");
  const out: string[] = [];
  const staticRe = /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*["']([^"']+)["']/g;
  for (const m of code.matchAll(staticRe)) {
    if (m[2] && !withTypes) continue;
    // import { type A, type B } from "x" is type-only too.
    const names = m[3].trim();
    if (!withTypes && /^\{[^}]*\}$/.test(names) && names.slice(1, -1).split(",").every((n) => !n.trim() || /^type\s/.test(n.trim()))) continue;
    out.push(m[4]);
  }
  for (const m of code.matchAll(/(?:^|[;\n])\s*import\s*["']([^"']+)["']/g)) out.push(m[1]);
  for (const m of code.matchAll(/\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]);
  return out;
}

/** The repository file an import names, or undefined for a package. */
export function resolveImport(from: string, specifier: string, exists: (file: string) => boolean): string | undefined {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  else return undefined;
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => `${base}/index${e}`)];
  return candidates.find(exists) ?? base;
}

export function checkBoundaries(files: readonly SourceFile[]): Violation[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const exists = (p: string) => byPath.has(p);
  const edges = new Map<string, { specifier: string; target?: string }[]>();
  for (const f of files) edges.set(f.path, valueImports(f.text).map((specifier) => ({ specifier, target: resolveImport(f.path, specifier, exists) })));
  const violations: Violation[] = [];

  for (const f of files) {
    const imports = edges.get(f.path) ?? [];
    if (isPure(f.path)) {
      for (const { specifier, target } of imports) {
        if (target === undefined && FORBIDDEN_IN_PURE.test(specifier)) violations.push({ file: f.path, rule: "pure code imports no framework, SDK or Node module", detail: specifier });
        if (target && (isServerOnly(target) || target.startsWith("components/") || target.startsWith("lib/queries/"))) {
          violations.push({ file: f.path, rule: "pure code imports no server-only module or component", detail: target });
        }
      }
      if (/\bprocess\.env\b/.test(f.text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ""))) violations.push({ file: f.path, rule: "pure code does not read process.env", detail: "process.env" });
    }
    if (f.path.startsWith("lib/sfn/")) {
      for (const specifier of allImports(f.text)) {
        const target = resolveImport(f.path, specifier, exists);
        if (target && (target.startsWith("lib/server/") || target.startsWith("lib/store/"))) {
          violations.push({ file: f.path, rule: "lib/sfn (the SDK transport) imports nothing of lib/server or lib/store", detail: target });
        }
      }
    }
    if (!f.path.startsWith("lib/sfn/")) {
      for (const { specifier, target } of imports) {
        if (target === undefined && specifier.startsWith("@aws-sdk/")) violations.push({ file: f.path, rule: "only lib/sfn imports the AWS SDK", detail: specifier });
      }
    }
  }

  // Browser bundles: follow value imports from every client file until a server-only module.
  for (const f of files) {
    if (!isClient(f)) continue;
    const chain = serverOnlyChain(f.path, edges);
    if (chain) violations.push({ file: f.path, rule: "code bundled for the browser reaches a server-only module", detail: chain.join(" → ") });
  }
  return violations;
}

function serverOnlyChain(start: string, edges: Map<string, { target?: string }[]>): string[] | undefined {
  const seen = new Set<string>([start]);
  const queue: string[][] = [[start]];
  while (queue.length) {
    const chain = queue.shift()!;
    const at = chain[chain.length - 1];
    for (const { target } of edges.get(at) ?? []) {
      if (!target || seen.has(target)) continue;
      seen.add(target);
      const next = [...chain, target];
      if (isServerOnly(target)) return next;
      queue.push(next);
    }
  }
  return undefined;
}
