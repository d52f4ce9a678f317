/** Every state name in an ASL document: top level, Parallel branches and Map processors, to any depth. */
export function stateNamesOf(definition: unknown, into: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 100 || definition === null || typeof definition !== "object") return into;
  const states = (definition as { States?: unknown }).States;
  if (states === null || typeof states !== "object") return into;
  for (const [name, state] of Object.entries(states as Record<string, unknown>)) {
    into.add(name);
    if (state === null || typeof state !== "object") continue;
    const s = state as Record<string, unknown>;
    for (const scope of [...(Array.isArray(s.Branches) ? s.Branches : []), s.ItemProcessor, s.Iterator]) {
      stateNamesOf(scope, into, depth + 1);
    }
  }
  return into;
}
