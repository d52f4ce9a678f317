/**
 * One log line when an endpoint stops answering and one when it comes back, instead of a
 * line per failed poll; kept per endpoint, since several sources may be read at once.
 */
const unreachableSince = new Map<string, number>();

export function noteUnreachable(endpointLabel: string, message: string, now: number): void {
  if (unreachableSince.has(endpointLabel)) return;
  unreachableSince.set(endpointLabel, now);
  console.warn(`[stepscope] ${message}`);
}

export function noteReachable(endpointLabel: string, now: number): void {
  const since = unreachableSince.get(endpointLabel);
  if (since === undefined) return;
  console.warn(`[stepscope] ${endpointLabel} answers again after ${Math.round((now - since) / 1000)} s.`);
  unreachableSince.delete(endpointLabel);
}
