/**
 * Where the header's search goes for what was typed. Pure. An execution or state machine ARN
 * opens its page directly (that page says so if it does not exist); anything else lists the
 * executions whose name starts with it, across every state machine.
 */
const EXECUTION_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(?:execution|express):\S+$/;
const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:\S+$/;

export function searchTarget(typed: string): string | undefined {
  const q = typed.trim();
  if (!q) return undefined;
  if (EXECUTION_ARN.test(q)) return `/executions/${encodeURIComponent(q)}`;
  if (STATE_MACHINE_ARN.test(q)) return `/state-machines/${encodeURIComponent(q)}`;
  return `/search?${new URLSearchParams({ q }).toString()}`;
}
