/**
 * When to ask for a history again. A finished execution is never polled. A failing load backs
 * off (2 s, 4 s, 8 s … capped at a minute); for an execution that has ended, a history that
 * keeps failing stops being asked for after a few tries and the page says so (nothing more
 * will come by waiting), while a running one keeps trying at the capped pace.
 */
export const POLL_RUNNING_MS = 2_000;
export const MAX_BACKOFF_MS = 60_000;
/** Consecutive failed loads after which a finished execution's history is no longer retried. */
export const GIVE_UP_AFTER_FAILURES = 4;

export interface PollState {
  /** The history already holds the whole execution (terminal event seen, or the API said so). */
  finished: boolean;
  /** The execution has ended as far as anyone knows (its description, or its history). */
  executionEnded: boolean;
  consecutiveFailures: number;
}

export function nextHistoryPoll(s: PollState): number | false {
  if (s.finished) return false;
  if (s.consecutiveFailures === 0) return POLL_RUNNING_MS;
  if (historyGaveUp(s)) return false;
  return Math.min(MAX_BACKOFF_MS, POLL_RUNNING_MS * 2 ** s.consecutiveFailures);
}

export function historyGaveUp(s: PollState): boolean {
  return !s.finished && s.executionEnded && s.consecutiveFailures >= GIVE_UP_AFTER_FAILURES;
}
