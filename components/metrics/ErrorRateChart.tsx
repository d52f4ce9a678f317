"use client";
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { ExecutionBucket } from "@/lib/metrics/buckets";
import { ChartFrame } from "./ChartFrame";
import { AXIS_PROPS, bucketRangeLabel, bucketXAxisProps, CHART_MARGIN, GRID_PROPS, TOOLTIP_CONTENT_STYLE } from "./chart-axes";
import { formatPercent } from "./chart-format";
import { CHART_THEME, STATUS_COLORS } from "./palette";
import { isolatedPointDot } from "./isolated-dot";

export interface ErrorRateChartProps {
  buckets: ExecutionBucket[];
  height?: number;
  width?: number;
}

/** Failed + timed out + aborted over finished executions, per bucket; a gap where nothing finished. */
export function ErrorRateChart({ buckets, height = 140, width }: ErrorRateChartProps) {
  const data = buckets.map((b) => ({ from: b.from, to: b.to, errorRate: b.errorRate, errors: b.errors, finished: b.finished }));
  return (
    <ChartFrame width={width} height={height}>
      {(size) => (
        <AreaChart {...size} data={data} margin={CHART_MARGIN} style={{ fontFamily: CHART_THEME.fontFamily }}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...bucketXAxisProps(buckets)} />
          <YAxis domain={[0, 1]} tickFormatter={(rate: number) => formatPercent(rate)} width={40} {...AXIS_PROPS} />
          <Tooltip
            labelFormatter={bucketRangeLabel}
            formatter={(value, _name, item) => {
              const row = item?.payload as { errors: number; finished: number } | undefined;
              const detail = row ? ` (${row.errors} of ${row.finished})` : "";
              return [`${formatPercent(typeof value === "number" ? value : null)}${detail}`, "Error rate"];
            }}
            contentStyle={TOOLTIP_CONTENT_STYLE}
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
            dot={isolatedPointDot(data.map((d) => d.errorRate), STATUS_COLORS.failed)}
            isAnimationActive={false}
          />
        </AreaChart>
      )}
    </ChartFrame>
  );
}
