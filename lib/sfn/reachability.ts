/**
 * One log line when the endpoint stops answering and one when it comes back, instead of a
 * line per failed poll.
 */
let unreachableSince: number | undefined;

export function noteUnreachable(message: string, now: number): void {
  if (unreachableSince !== undefined) return;
  unreachableSince = now;
  console.warn(`[stepscope] ${message}`);
}

export function noteReachable(endpointLabel: string, now: number): void {
  if (unreachableSince === undefined) return;
  console.warn(`[stepscope] ${endpointLabel} answers again after ${Math.round((now - unreachableSince) / 1000)} s.`);
  unreachableSince = undefined;
}
