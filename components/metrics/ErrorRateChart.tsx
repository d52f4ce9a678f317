"use client";
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { ExecutionBucket } from "@/lib/metrics/buckets";
import { ChartFrame } from "./ChartFrame";
import { formatBucketRange, formatBucketTick, formatPercent } from "./chart-format";
import { CHART_THEME, STATUS_COLORS } from "./palette";

export interface ErrorRateChartProps {
  buckets: ExecutionBucket[];
  height?: number;
  width?: number;
}

/** Failed + timed out + aborted over finished executions, per bucket; a gap where nothing finished. */
export function ErrorRateChart({ buckets, height = 140, width }: ErrorRateChartProps) {
  const bucketMs = buckets.length > 0 ? buckets[0].to - buckets[0].from : 60_000;
  const data = buckets.map((b) => ({ from: b.from, to: b.to, errorRate: b.errorRate, errors: b.errors, finished: b.finished }));
  return (
    <ChartFrame width={width} height={height}>
      {(size) => (
        <AreaChart {...size} data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} style={{ fontFamily: CHART_THEME.fontFamily }}>
          <CartesianGrid vertical={false} stroke={CHART_THEME.grid} />
          <XAxis
            dataKey="from"
            tickFormatter={(ms: number) => formatBucketTick(ms, bucketMs)}
            tick={{ fontSize: CHART_THEME.fontSize, fill: CHART_THEME.text }}
            stroke={CHART_THEME.axis}
            minTickGap={24}
          />
          <YAxis
            domain={[0, 1]}
            tickFormatter={(rate: number) => formatPercent(rate)}
            width={40}
            tick={{ fontSize: CHART_THEME.fontSize, fill: CHART_THEME.text }}
            stroke={CHART_THEME.axis}
          />
          <Tooltip
            labelFormatter={(_label, payload) => {
              const row = payload?.[0]?.payload as { from: number; to: number } | undefined;
              return row ? formatBucketRange(row.from, row.to) : "";
            }}
            formatter={(value, _name, item) => {
              const row = item?.payload as { errors: number; finished: number } | undefined;
              const detail = row ? ` (${row.errors} of ${row.finished})` : "";
              return [`${formatPercent(typeof value === "number" ? value : null)}${detail}`, "Error rate"];
            }}
            contentStyle={{ fontSize: 12, padding: "4px 8px" }}
          />
          <Area
            type="linear"
            dataKey="errorRate"
            name="Error rate"
            stroke={STATUS_COLORS.failed}
            fill={STATUS_COLORS.failed}
            fillOpacity={0.15}
            strokeWidth={1.5}
            connectNulls={false}
            dot={false}
            isAnimationActive={false}
          />
        </AreaChart>
      )}
    </ChartFrame>
  );
}
