import { stateNamesIn } from "@/lib/asl/walk";

/** Every state name in an ASL document: top level, Parallel branches and Map processors, to any depth. */
export function stateNamesOf(definition: unknown, into: Set<string> = new Set()): Set<string> {
  for (const name of stateNamesIn(definition)) into.add(name);
  return into;
}
