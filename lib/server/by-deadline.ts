/**
 * An answer that must not wait past a deadline: what `work` gives by then, or `fallback`. The
 * work is not cancelled; it goes on and its result serves a later answer. Infinity waits for it.
 */
export async function byDeadline<T>(work: Promise<T>, deadline: number, fallback: T): Promise<T> {
  if (!Number.isFinite(deadline)) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const enough = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), Math.max(0, deadline - performance.now()));
  });
  try {
    return await Promise.race([work, enough]);
  } finally {
    clearTimeout(timer);
  }
}
