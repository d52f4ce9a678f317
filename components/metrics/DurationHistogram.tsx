"use client";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { HistogramBin } from "@/lib/metrics/histogram";
import { formatDuration } from "@/lib/format/time";
import { ChartFrame } from "./ChartFrame";
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
        <BarChart {...size} data={data} barCategoryGap={1} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} style={{ fontFamily: CHART_THEME.fontFamily }}>
          <CartesianGrid vertical={false} stroke={CHART_THEME.grid} />
          <XAxis dataKey="label" tick={{ fontSize: CHART_THEME.fontSize, fill: CHART_THEME.text }} stroke={CHART_THEME.axis} minTickGap={12} />
          <YAxis allowDecimals={false} width={36} tick={{ fontSize: CHART_THEME.fontSize, fill: CHART_THEME.text }} stroke={CHART_THEME.axis} />
          <Tooltip
            labelFormatter={(_label, payload) => (payload?.[0]?.payload as { range: string } | undefined)?.range ?? ""}
            formatter={(value) => [value, "Executions"]}
            contentStyle={{ fontSize: 12, padding: "4px 8px" }}
            cursor={{ fill: "rgba(11, 99, 206, 0.08)" }}
          />
          <Bar dataKey="count" name="Executions" fill={PERCENTILE_COLORS.p90} isAnimationActive={false} />
        </BarChart>
      )}
    </ChartFrame>
  );
}
