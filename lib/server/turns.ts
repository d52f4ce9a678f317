/**
 * Turns of the event loop, handed out one at a time.
 *
 * better-sqlite3 answers synchronously, so a store read is work the loop cannot interrupt. Work
 * several callers queue with setImmediate all runs in one check phase, back to back: four
 * machines loading at once held the loop for four whole reads, while a due timer (the fleet
 * answer's deadline) and every socket (the answer itself, an upstream call) waited behind them.
 * Each `nextTurn()` resolves in a loop iteration of its own, in the order asked, so between two
 * pieces of such work the loop runs its timers and its I/O.
 */
const waiting: Array<() => void> = [];
let scheduled = false;

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(grant);
}

function grant(): void {
  scheduled = false;
  // The next grant is queued from inside the check phase: it runs in the next iteration, after
  // the timers and the I/O. The one granted now runs first, in the microtasks after this callback.
  const next = waiting.shift();
  if (waiting.length) schedule();
  next?.();
}

/** Resolves in a turn of the event loop that no other caller of nextTurn shares. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    schedule();
  });
}
