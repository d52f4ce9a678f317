/**
 * State names in the order the definition writes them, nested ones (Parallel branches, Map
 * iterations) right after their parent: the row order of the grid and the stats table. Pure;
 * a definition that is not JSON gives no names (the rows then follow the histories).
 */
export function stateNamesOf(definition: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch {
    return [];
  }
  const names: string[] = [];
  const seen = new Set<string>();
  const visit = (machine: unknown, depth: number) => {
    if (depth > 20 || !isObject(machine) || !isObject(machine.States)) return;
    for (const [name, state] of Object.entries(machine.States)) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
      if (!isObject(state)) continue;
      if (Array.isArray(state.Branches)) for (const branch of state.Branches) visit(branch, depth + 1);
      visit(state.Iterator, depth + 1);
      visit(state.ItemProcessor, depth + 1);
    }
  };
  visit(parsed, 0);
  return names;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
