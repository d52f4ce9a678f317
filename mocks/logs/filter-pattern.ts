/**
 * CloudWatch Logs filter patterns, the subset worth simulating: terms (all must occur),
 * quoted phrases, `-term` exclusions, and JSON patterns `{ $.a.b = "v" }` / `{ $.a != "v" }`
 * joined with && or ||. An empty pattern matches everything.
 */
export type Matcher = (message: string) => boolean;

function jsonPath(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split(".").filter(Boolean)) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function wildcard(text: string): RegExp {
  return new RegExp(`^${text.split("*").map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}

function jsonMatcher(body: string): Matcher {
  const alternatives = body.split("||").map((alt) =>
    alt.split("&&").map((clause) => {
      const m = /^\s*\$\.([\w.]+)\s*(=|!=)\s*(?:"((?:[^"\\]|\\.)*)"|([^\s)]+))\s*$/.exec(clause.replace(/^\s*\(|\)\s*$/g, ""));
      if (!m) throw new Error(`Invalid filter pattern clause: ${clause.trim()}`);
      const [, path, op, quoted, bare] = m;
      const expected = wildcard(quoted ?? bare);
      return (record: unknown) => {
        const actual = jsonPath(record, path);
        const hit = actual !== undefined && actual !== null && expected.test(String(actual));
        return op === "=" ? hit : !hit;
      };
    }),
  );
  return (message) => {
    let record: unknown;
    try {
      record = JSON.parse(message);
    } catch {
      return false;
    }
    return alternatives.some((clauses) => clauses.every((c) => c(record)));
  };
}

export function compileFilterPattern(pattern: string | undefined): Matcher {
  const text = (pattern ?? "").trim();
  if (text === "") return () => true;
  if (text.startsWith("{") && text.endsWith("}")) return jsonMatcher(text.slice(1, -1));
  const terms: { text: string; negate: boolean }[] = [];
  for (const m of text.matchAll(/(-?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)) terms.push({ negate: m[1] === "-", text: (m[2] ?? m[3]).replace(/\\"/g, '"') });
  return (message) => terms.every((t) => message.includes(t.text) !== t.negate);
}
