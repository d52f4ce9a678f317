/**
 * Waits in the background loops. A loop that pauses every two seconds for the life of the
 * process must leave nothing behind each time: a listener added to a long-lived AbortSignal per
 * pause and never removed piles up (Node warns at eleven) and holds its closure for good.
 */
import "./server-only";

/** Resolves after `ms`, or at once when `signal` aborts; the timer never keeps the process alive. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Says a repeating failure once, not at every round: a source whose credentials are denied
 * fails the same way every two seconds, and a log of thousands of identical lines hides the
 * one that matters. Says so again when the message changes, and once when it recovers.
 */
export class RepeatedFailureLog {
  private last: string | undefined;

  constructor(
    private readonly what: string,
    private readonly write: (line: string) => void = (line) => console.error(line),
  ) {}

  failed(message: string): void {
    if (message === this.last) return;
    this.last = message;
    this.write(`[stepscope] ${this.what} failed: ${message} (said once until it changes)`);
  }

  succeeded(): void {
    if (this.last === undefined) return;
    this.last = undefined;
    this.write(`[stepscope] ${this.what} works again`);
  }
}

/**
 * Runs `call` with a signal of its own that aborts when `signal` does. Whatever the call leaves
 * listening on its signal (the SDK's HTTP handler adds a listener per request) goes with it,
 * instead of piling up on the long-lived one.
 */
export async function withOwnSignal<T>(signal: AbortSignal, call: (own: AbortSignal) => Promise<T>): Promise<T> {
  const own = new AbortController();
  const relay = () => own.abort(signal.reason);
  if (signal.aborted) relay();
  else signal.addEventListener("abort", relay, { once: true });
  try {
    return await call(own.signal);
  } finally {
    signal.removeEventListener("abort", relay);
  }
}
