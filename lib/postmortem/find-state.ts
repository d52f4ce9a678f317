/**
 * Finds a state's definition by name anywhere in an ASL document: top level, Parallel
 * branches, Map processors (ItemProcessor or the legacy Iterator), to any depth. State names
 * are unique within a state machine, so the name is enough.
 */
export type AslState = Record<string, unknown> & { Type?: string };

export function findStateDefinition(definition: unknown, name: string): AslState | undefined {
  if (!definition || typeof definition !== "object") return undefined;
  const states = (definition as { States?: unknown }).States;
  if (!states || typeof states !== "object") return undefined;
  const own = (states as Record<string, unknown>)[name];
  if (own && typeof own === "object") return own as AslState;
  for (const state of Object.values(states as Record<string, unknown>)) {
    if (!state || typeof state !== "object") continue;
    const s = state as Record<string, unknown>;
    const nested = [
      ...(Array.isArray(s.Branches) ? s.Branches : []),
      s.ItemProcessor,
      s.Iterator,
    ];
    for (const scope of nested) {
      const found = findStateDefinition(scope, name);
      if (found) return found;
    }
  }
  return undefined;
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
