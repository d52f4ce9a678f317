"use client";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { ExecutionBucket } from "@/lib/metrics/buckets";
import { formatDuration } from "@/lib/format/time";
import { ChartFrame } from "./ChartFrame";
import { AXIS_PROPS, bucketRangeLabel, bucketXAxisProps, CHART_MARGIN, GRID_PROPS, TOOLTIP_CONTENT_STYLE } from "./chart-axes";
import { formatDurationTick } from "./chart-format";
import { CHART_THEME, PERCENTILE_COLORS } from "./palette";
import { isolatedPointDot } from "./isolated-dot";

export interface DurationPercentilesChartProps {
  buckets: ExecutionBucket[];
  height?: number;
  width?: number;
}

const LINES = [
  { key: "p50", label: "p50" },
  { key: "p90", label: "p90" },
  { key: "p99", label: "p99" },
] as const;

/** p50/p90/p99 duration of the executions that finished, per bucket of their start. */
export function DurationPercentilesChart({ buckets, height = 160, width }: DurationPercentilesChartProps) {
  const data = buckets.map((b) => ({ from: b.from, to: b.to, p50: b.p50, p90: b.p90, p99: b.p99 }));
  return (
    <ChartFrame width={width} height={height}>
      {(size) => (
        <LineChart {...size} data={data} margin={CHART_MARGIN} style={{ fontFamily: CHART_THEME.fontFamily }}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...bucketXAxisProps(buckets)} />
          <YAxis tickFormatter={formatDurationTick} width={56} {...AXIS_PROPS} />
          <Tooltip
            labelFormatter={bucketRangeLabel}
            formatter={(value, name) => [formatDuration(typeof value === "number" ? value : null), name]}
            contentStyle={TOOLTIP_CONTENT_STYLE}
          />
          <Legend iconType="plainline" wrapperStyle={{ fontSize: 11 }} />
          {LINES.map((line) => (
            <Line
              key={line.key}
              type="linear"
              dataKey={line.key}
              name={line.label}
              stroke={PERCENTILE_COLORS[line.key]}
              strokeWidth={line.key === "p50" ? 1.5 : 1.25}
              strokeDasharray={line.key === "p99" ? "4 2" : undefined}
              dot={isolatedPointDot(data.map((d) => d[line.key]), PERCENTILE_COLORS[line.key])}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </ChartFrame>
  );
}
