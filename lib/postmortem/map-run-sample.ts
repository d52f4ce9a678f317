import type { ExecutionSummary } from "@/lib/contract/api";

const FAILING = new Set(["FAILED", "TIMED_OUT"]);

/**
 * Which child executions' histories to read, at most `max` (each costs a GetExecutionHistory
 * call). Failed and timed-out children first, since they say why the map run went wrong; then
 * aborted and running ones; a quarter of the budget is kept for succeeded children so that the
 * processor's states that worked are coloured too. Newest first within each kind (the listing
 * order), so the choice stays the same from one refresh to the next.
 */
export function chooseChildHistories(children: readonly ExecutionSummary[], max: number): ExecutionSummary[] {
  const budget = Math.max(0, Math.floor(max));
  const failing = children.filter((c) => FAILING.has(c.status));
  const stopped = children.filter((c) => c.status === "ABORTED" || c.status === "RUNNING" || c.status === "PENDING_REDRIVE");
  const succeeded = children.filter((c) => c.status === "SUCCEEDED");
  const forSucceeded = Math.min(succeeded.length, Math.ceil(budget / 4));
  const picked: ExecutionSummary[] = [];
  const take = (from: ExecutionSummary[], room: number) => {
    for (const child of from) {
      if (picked.length >= room) break;
      if (!picked.includes(child)) picked.push(child);
    }
  };
  take(failing, budget - forSucceeded);
  take(stopped, budget - forSucceeded);
  take(succeeded, budget);
  // What the succeeded children did not use goes to the failures left.
  take(failing, budget);
  take(stopped, budget);
  return picked;
}
