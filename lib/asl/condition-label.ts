/**
 * A Choice rule's condition in a few characters, for the label on its edge:
 * `{ Variable: "$.amount", NumericGreaterThan: 100 }` → `$.amount > 100`,
 * `{ Condition: "{% $states.input.ok %}" }` → `$states.input.ok`.
 */
import { clip } from "./resource";

const LABEL_MAX = 36;

const OPERATORS: Array<[suffix: string, symbol: string]> = [
  ["GreaterThanEquals", "≥"],
  ["LessThanEquals", "≤"],
  ["GreaterThan", ">"],
  ["LessThan", "<"],
  ["Equals", "=="],
  ["Matches", "matches"],
];

const TYPE_TESTS: Record<string, string> = {
  IsPresent: "present",
  IsNull: "null",
  IsNumeric: "numeric",
  IsString: "a string",
  IsBoolean: "a boolean",
  IsTimestamp: "a timestamp",
};

export function conditionLabel(rule: unknown): string {
  return clip(describe(rule, 0), LABEL_MAX);
}

function describe(rule: unknown, depth: number): string {
  if (typeof rule !== "object" || rule === null || Array.isArray(rule)) return "?";
  const r = rule as Record<string, unknown>;
  if (typeof r.Condition === "string") return stripJsonata(r.Condition);
  if (typeof r.Condition === "boolean") return String(r.Condition);
  if (Array.isArray(r.And)) return joined(r.And, "and", depth);
  if (Array.isArray(r.Or)) return joined(r.Or, "or", depth);
  if (r.Not !== undefined) return `not ${wrap(describe(r.Not, depth + 1), depth + 1)}`;
  return comparison(r);
}

function joined(rules: unknown[], word: string, depth: number): string {
  if (rules.length === 0) return "?";
  return rules.map((x) => wrap(describe(x, depth + 1), depth + 1)).join(` ${word} `);
}

function wrap(text: string, depth: number): string {
  return depth > 0 && /\s(and|or)\s/.test(text) ? `(${text})` : text;
}

function comparison(r: Record<string, unknown>): string {
  const variable = typeof r.Variable === "string" ? r.Variable : "?";
  for (const key of Object.keys(r)) {
    if (key === "Variable" || key === "Next" || key === "Comment" || key === "Assign" || key === "Output") continue;
    const typeTest = TYPE_TESTS[key];
    if (typeTest) return r[key] === false ? `${variable} not ${typeTest}` : `${variable} ${typeTest}`;
    const isPath = key.endsWith("Path");
    const op = OPERATORS.find(([suffix]) => key.replace(/Path$/, "").endsWith(suffix));
    if (!op) continue;
    return `${variable} ${op[1]} ${literal(r[key], isPath)}`;
  }
  return variable;
}

function literal(value: unknown, isPath: boolean): string {
  if (isPath && typeof value === "string") return value;
  if (typeof value === "string") return JSON.stringify(value);
  return JSON.stringify(value) ?? "?";
}

/** `{% expr %}` → `expr`; JSONata conditions are usually long, so whitespace is squeezed. */
export function stripJsonata(text: string): string {
  const m = /^\s*\{%([\s\S]*)%\}\s*$/.exec(text);
  return (m ? m[1] : text).replace(/\s+/g, " ").trim();
}
