/**
 * A clean shutdown (SIGTERM from an orchestrator, SIGINT from a terminal) stops the process's
 * services before it exits: the poller finishes its round, what is unsaved is saved and the
 * lease is given up, so another instance polls at once instead of after the lease runs out.
 *
 * `next start` has its own handler for these signals, which closes the HTTP server and then
 * calls process.exit: that exit is held until the services have stopped (at most `graceMs`).
 * Without another handler (NEXT_MANUAL_SIG_HANDLE, a plain Node process), the process exits
 * here once they have, as it would have without one.
 */
import "./server-only";

const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof SIGNALS;

const KEY = Symbol.for("stepscope.cleanShutdown");
type Holder = { [KEY]?: true };

/** How long a clean shutdown may take (the poller's round, the last saves) before the process exits anyway. */
export const SHUTDOWN_GRACE_MS = 10_000;

export function stopOnSignals(stop: () => Promise<void>, graceMs = SHUTDOWN_GRACE_MS): void {
  const holder = globalThis as Holder;
  if (holder[KEY]) return;
  holder[KEY] = true;
  let stopping: Promise<void> | undefined;
  const exit = process.exit.bind(process);
  const begin = (signal: Signal) => {
    if (stopping) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        console.error(`[stepscope] stopping took longer than ${graceMs / 1000} s; exiting without waiting further`);
        resolve();
      }, graceMs);
    });
    stopping = Promise.race([stop().catch((error) => console.error(`[stepscope] stopping failed: ${(error as Error).message}`)), deadline]).finally(() => clearTimeout(timer));
    // Ours is the only handler: nobody else will exit.
    const alone = process.listenerCount(signal) === 1;
    if (alone) void stopping.then(() => exit(SIGNALS[signal]));
  };
  for (const signal of Object.keys(SIGNALS) as Signal[]) process.prependListener(signal, () => begin(signal));
  process.exit = ((code?: number | string | null) => {
    if (!stopping) return exit(code);
    void stopping.then(() => exit(code));
    return undefined as never;
  }) as typeof process.exit;
}
