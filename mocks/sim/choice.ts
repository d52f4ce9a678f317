/** Evaluates Choice rules the way Step Functions does (first match wins). */
import type { ChoiceRule } from "./asl";
import { type ContextSource, readPath, StatesError, type Json } from "./jsonpath";

function valueAt(rule: ChoiceRule, input: Json, context: ContextSource): Json | undefined {
  if (!rule.Variable) return undefined;
  try {
    return readPath(rule.Variable, input, context);
  } catch {
    return undefined;
  }
}

export function ruleMatches(rule: ChoiceRule, input: Json, context: ContextSource): boolean {
  if (rule.And) return rule.And.every((r) => ruleMatches(r, input, context));
  if (rule.Or) return rule.Or.some((r) => ruleMatches(r, input, context));
  if (rule.Not) return !ruleMatches(rule.Not, input, context);
  const value = valueAt(rule, input, context);
  if (rule.IsPresent !== undefined) return (value !== undefined) === rule.IsPresent;
  if (value === undefined) {
    throw new StatesError("States.Runtime", `Invalid path '${rule.Variable}': The choice state's condition path references an invalid value.`);
  }
  if (rule.StringEquals !== undefined) return value === rule.StringEquals;
  if (rule.BooleanEquals !== undefined) return value === rule.BooleanEquals;
  if (typeof value !== "number") return false;
  if (rule.NumericGreaterThan !== undefined) return value > rule.NumericGreaterThan;
  if (rule.NumericGreaterThanEquals !== undefined) return value >= rule.NumericGreaterThanEquals;
  if (rule.NumericLessThan !== undefined) return value < rule.NumericLessThan;
  return false;
}

/** The name of the next state, or a States.NoChoiceMatched error. */
export function chooseNext(choices: ChoiceRule[], fallback: string | undefined, input: Json, context: ContextSource): string {
  for (const rule of choices) {
    if (ruleMatches(rule, input, context) && rule.Next) return rule.Next;
  }
  if (fallback) return fallback;
  throw new StatesError("States.NoChoiceMatched", "No Matches!");
}
