/**
 * Finds a state's definition by name anywhere in an ASL document: top level, Parallel
 * branches, Map processors (ItemProcessor or the legacy Iterator), to any depth. State names
 * are unique within a state machine, so the name is enough. The walk is lib/asl's one walk.
 */
import { findStateIn } from "@/lib/asl/walk";

export type AslState = Record<string, unknown> & { Type?: string };

export function findStateDefinition(definition: unknown, name: string): AslState | undefined {
  return findStateIn(definition, name);
}

/** Parses definition text without throwing: a broken definition still lets the page show the history. */
export function parseDefinition(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
