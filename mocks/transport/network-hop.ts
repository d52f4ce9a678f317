/**
 * What a real network round trip always does and an intercepted one does not: give the event loop
 * a turn. msw answers the SDK inside the process, through promises only; a chain of such calls (the
 * failure reader's history reads, one after another) would otherwise run as one unbroken run of
 * microtasks, and every timer, socket and request of the server would wait for the whole chain.
 */
export function networkHop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** One turn of the event loop: what a long in-process computation yields between its slices. */
export const loopTurn = networkHop;
