/**
 * Ids of the synthetic Start/End nodes of a scope. State names are free text, so these start
 * with a NUL character, which no real state name carries.
 */
export function startNodeId(scope: string): string {
  return `\u0000start:${scope}`;
}

export function endNodeId(scope: string): string {
  return `\u0000end:${scope}`;
}

export function isSyntheticId(id: string): boolean {
  return id.startsWith("\u0000");
}

export function branchGroupId(owner: string, index: number): string {
  return `${owner}/branch ${index + 1}`;
}

export function processorGroupId(owner: string): string {
  return `${owner}/processor`;
}
