"use client";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { ExecutionBucket } from "@/lib/metrics/buckets";
import { formatDuration } from "@/lib/format/time";
import { ChartFrame } from "./ChartFrame";
import { formatBucketRange, formatBucketTick, formatDurationTick } from "./chart-format";
import { CHART_THEME, PERCENTILE_COLORS } from "./palette";

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
  const bucketMs = buckets.length > 0 ? buckets[0].to - buckets[0].from : 60_000;
  const data = buckets.map((b) => ({ from: b.from, to: b.to, p50: b.p50, p90: b.p90, p99: b.p99 }));
  return (
    <ChartFrame width={width} height={height}>
      {(size) => (
        <LineChart {...size} data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} style={{ fontFamily: CHART_THEME.fontFamily }}>
          <CartesianGrid vertical={false} stroke={CHART_THEME.grid} />
          <XAxis
            dataKey="from"
            tickFormatter={(ms: number) => formatBucketTick(ms, bucketMs)}
            tick={{ fontSize: CHART_THEME.fontSize, fill: CHART_THEME.text }}
            stroke={CHART_THEME.axis}
            minTickGap={24}
          />
          <YAxis tickFormatter={formatDurationTick} width={56} tick={{ fontSize: CHART_THEME.fontSize, fill: CHART_THEME.text }} stroke={CHART_THEME.axis} />
          <Tooltip
            labelFormatter={(_label, payload) => {
              const row = payload?.[0]?.payload as { from: number; to: number } | undefined;
              return row ? formatBucketRange(row.from, row.to) : "";
            }}
            formatter={(value, name) => [formatDuration(typeof value === "number" ? value : null), name]}
            contentStyle={{ fontSize: 12, padding: "4px 8px" }}
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
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </ChartFrame>
  );
}
