"use client";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { ExecutionBucket } from "@/lib/metrics/buckets";
import { ChartFrame } from "./ChartFrame";
import { BucketTooltip } from "./BucketTooltip";
import { formatBucketTick } from "./chart-format";
import { CHART_THEME, EXECUTION_STATUS_LOOKS } from "./palette";

export interface BucketRange {
  from: number;
  to: number;
}

export interface ExecutionsByStatusChartProps {
  buckets: ExecutionBucket[];
  /** Called with the clicked bucket's range, e.g. to filter the executions list to it. */
  onSelectBucket?: (range: BucketRange) => void;
  height?: number;
  /** Fixed width in px; by default the chart fills its container. */
  width?: number;
}

/** Executions started per bucket, stacked by status. */
export function ExecutionsByStatusChart({ buckets, onSelectBucket, height = 180, width }: ExecutionsByStatusChartProps) {
  const bucketMs = buckets.length > 0 ? buckets[0].to - buckets[0].from : 60_000;
  const data = buckets.map((b) => ({ from: b.from, to: b.to, ...b.counts }));
  return (
    <ChartFrame width={width} height={height}>
      {(size) => (
        <BarChart
          {...size}
          data={data}
          barCategoryGap={1}
          margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
          style={{ cursor: onSelectBucket ? "pointer" : undefined, fontFamily: CHART_THEME.fontFamily }}
          onClick={(state) => {
            const index = Number(state?.activeTooltipIndex);
            const bucket = Number.isInteger(index) ? data[index] : undefined;
            if (bucket && onSelectBucket) onSelectBucket({ from: bucket.from, to: bucket.to });
          }}
        >
          <CartesianGrid vertical={false} stroke={CHART_THEME.grid} />
          <XAxis
            dataKey="from"
            tickFormatter={(ms: number) => formatBucketTick(ms, bucketMs)}
            tick={{ fontSize: CHART_THEME.fontSize, fill: CHART_THEME.text }}
            stroke={CHART_THEME.axis}
            minTickGap={24}
          />
          <YAxis allowDecimals={false} width={36} tick={{ fontSize: CHART_THEME.fontSize, fill: CHART_THEME.text }} stroke={CHART_THEME.axis} />
          <Tooltip content={(props) => <BucketTooltip active={props.active} payload={props.payload} clickable={Boolean(onSelectBucket)} />} cursor={{ fill: "rgba(11, 99, 206, 0.08)" }} />
          {EXECUTION_STATUS_LOOKS.map((look) => (
            <Bar key={look.status} dataKey={look.status} name={look.label} stackId="status" fill={look.color} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </ChartFrame>
  );
}
