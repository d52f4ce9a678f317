"use client";

/**
 * A point with no neighbour (the buckets on both sides have no value) draws no line segment,
 * so with sparse data a chart looks empty although it holds points. Those points get a dot;
 * points on a line do not, so dense charts look as before.
 */
export function isIsolated(values: readonly (number | null | undefined)[], index: number): boolean {
  const has = (i: number) => values[i] !== null && values[i] !== undefined;
  return has(index) && !has(index - 1) && !has(index + 1);
}

export function isolatedPointDot(values: readonly (number | null | undefined)[], color: string) {
  return function IsolatedDot(props: { cx?: number; cy?: number; index?: number }) {
    const index = props.index ?? -1;
    if (!isIsolated(values, index) || props.cx === undefined || props.cy === undefined) return <g key={`dot-${index}`} />;
    return <circle key={`dot-${index}`} cx={props.cx} cy={props.cy} r={2.5} fill={color} data-testid="isolated-point" />;
  };
}
