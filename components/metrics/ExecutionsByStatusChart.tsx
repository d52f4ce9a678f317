"use client";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { ExecutionBucket } from "@/lib/metrics/buckets";
import { ChartFrame } from "./ChartFrame";
import { BucketTooltip } from "./BucketTooltip";
import { AXIS_PROPS, BAR_CURSOR, bucketXAxisProps, CHART_MARGIN, GRID_PROPS } from "./chart-axes";
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
  const data = buckets.map((b) => ({ from: b.from, to: b.to, ...b.counts }));
  return (
    <ChartFrame width={width} height={height}>
      {(size) => (
        <BarChart
          {...size}
          data={data}
          barCategoryGap={1}
          margin={CHART_MARGIN}
          style={{ cursor: onSelectBucket ? "pointer" : undefined, fontFamily: CHART_THEME.fontFamily }}
          onClick={(state) => {
            const index = Number(state?.activeTooltipIndex);
            const bucket = Number.isInteger(index) ? data[index] : undefined;
            if (bucket && onSelectBucket) onSelectBucket({ from: bucket.from, to: bucket.to });
          }}
        >
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...bucketXAxisProps(buckets)} />
          <YAxis allowDecimals={false} width={36} {...AXIS_PROPS} />
          <Tooltip content={(props) => <BucketTooltip active={props.active} payload={props.payload} clickable={Boolean(onSelectBucket)} />} cursor={BAR_CURSOR} />
          {EXECUTION_STATUS_LOOKS.map((look) => (
            <Bar key={look.status} dataKey={look.status} name={look.label} stackId="status" fill={look.color} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </ChartFrame>
  );
}
