/** Whether two executions ran the same state machine, whatever version or alias each used. */
export function sameStateMachine(aArn: string, bArn: string): boolean {
  return machineKey(aArn) === machineKey(bArn);
}

/** `arn:…:stateMachine:name:qualifier` → `arn:…:stateMachine:name` (a version or alias qualifier dropped). */
function machineKey(arn: string): string {
  const parts = arn.split(":");
  return parts.length > 7 && parts[5] === "stateMachine" ? parts.slice(0, 7).join(":") : arn;
}

export function differentMachinesMessage(aName: string, bName: string): string {
  return `These executions ran different state machines (${aName} and ${bName}). Compare two executions of the same state machine.`;
}
