import { stateNamesIn } from "@/lib/asl/walk";

/**
 * State names in the order the definition writes them, nested ones (Parallel branches, Map
 * iterations) right after their parent: the row order of the grid and the stats table. Pure;
 * a definition that is not JSON gives no names (the rows then follow the histories).
 */
export function stateNamesOf(definition: string): string[] {
  return stateNamesIn(definition);
}
