import { STATUS_COLORS } from "./palette";

export interface SparklineProps {
  /** One value per bucket, oldest first. */
  values: readonly number[];
  width?: number;
  height?: number;
  color?: string;
  /** What the values are, for screen readers and the hover title: "errors". */
  label?: string;
}

/**
 * A tiny bar sparkline for table rows: plain SVG, no chart library, cheap enough for hundreds
 * of rows. Bars rather than a line because the values are counts per bucket; a zero keeps a
 * faint baseline tick so an empty stretch reads as "nothing" rather than "no data".
 */
export function Sparkline({ values, width = 80, height = 18, color = STATUS_COLORS.failed, label = "errors" }: SparklineProps) {
  const n = values.length;
  let max = 0;
  let total = 0;
  for (const v of values) {
    const safe = Number.isFinite(v) && v > 0 ? v : 0;
    if (safe > max) max = safe;
    total += safe;
  }
  const title = `${total} ${label} in the window${max > 0 ? `, at most ${max} in one bucket` : ""}`;
  const step = n > 0 ? width / n : width;
  const barWidth = Math.max(1, step - (step > 3 ? 1 : 0));
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} className="sparkline" style={{ display: "inline-block", verticalAlign: "middle" }}>
      <title>{title}</title>
      {values.map((raw, i) => {
        const v = Number.isFinite(raw) && raw > 0 ? raw : 0;
        const x = i * step;
        if (v === 0) return <rect key={i} x={x} y={height - 1} width={barWidth} height={1} fill="#DFE3E8" />;
        // At least 2 px so a single error among many is still visible.
        const h = Math.max(2, (v / max) * height);
        return <rect key={i} x={x} y={height - h} width={barWidth} height={h} fill={color} />;
      })}
    </svg>
  );
}
