"use client";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { HistogramBin } from "@/lib/metrics/histogram";
import { formatDuration } from "@/lib/format/time";
import { ChartFrame } from "./ChartFrame";
import { AXIS_PROPS, BAR_CURSOR, CHART_MARGIN, GRID_PROPS, TOOLTIP_CONTENT_STYLE } from "./chart-axes";
import { formatBinLabel } from "./chart-format";
import { CHART_THEME, PERCENTILE_COLORS } from "./palette";

export interface DurationHistogramProps {
  bins: HistogramBin[];
  height?: number;
  width?: number;
}

/** How many finished executions took how long, on 1-2-5 steps. */
export function DurationHistogram({ bins, height = 160, width }: DurationHistogramProps) {
  const data = bins.map((bin) => ({ label: formatDuration(bin.fromMs), range: formatBinLabel(bin.fromMs, bin.toMs), count: bin.count }));
  return (
    <ChartFrame width={width} height={height}>
      {(size) => (
        <BarChart {...size} data={data} barCategoryGap={1} margin={CHART_MARGIN} style={{ fontFamily: CHART_THEME.fontFamily }}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis dataKey="label" minTickGap={12} {...AXIS_PROPS} />
          <YAxis allowDecimals={false} width={36} {...AXIS_PROPS} />
          <Tooltip
            labelFormatter={(_label, payload) => (payload?.[0]?.payload as { range: string } | undefined)?.range ?? ""}
            formatter={(value) => [value, "Executions"]}
            contentStyle={TOOLTIP_CONTENT_STYLE}
            cursor={BAR_CURSOR}
          />
          <Bar dataKey="count" name="Executions" fill={PERCENTILE_COLORS.p90} isAnimationActive={false} />
        </BarChart>
      )}
    </ChartFrame>
  );
}
