/** Time ↔ pixels on the timeline's axis. */
export interface TimeScale {
  from: number;
  to: number;
  width: number;
  x(t: number): number;
  t(x: number): number;
}

export function timeScale(from: number, to: number, width: number): TimeScale {
  // A zero-length domain (an execution that has just started) still needs a usable scale.
  const span = to > from ? to - from : 1;
  return {
    from,
    to,
    width,
    x: (t) => ((t - from) / span) * width,
    t: (x) => from + (x / width) * span,
  };
}
