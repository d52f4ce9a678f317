"use client";

import type { MachineMetricsResponse } from "@/lib/contract/api";
import { DurationHistogram, DurationPercentilesChart, ErrorRateChart, ExecutionsByStatusChart, MetricPanel, type BucketRange } from "@/components/metrics";
import styles from "./MachineDashboard.module.css";

const HEIGHT = 170;

/** The four charts of the window; a click on a status bar filters the executions list to its bucket. */
export function MachineCharts({ metrics, onSelectBucket }: { metrics: MachineMetricsResponse; onSelectBucket(range: BucketRange): void }) {
  // From CloudWatch metrics outcomes are counted when they happen, and there are no single durations for a histogram.
  const fromMetrics = metrics.figuresFrom === "metrics";
  return (
    <div className={styles.charts} data-testid="machine-charts" data-figures-from={metrics.figuresFrom ?? "index"}>
      <MetricPanel title="Executions by status" note={fromMetrics ? "by end time · click a bar to list" : "click a bar to list"}>
        <ExecutionsByStatusChart buckets={metrics.buckets} onSelectBucket={onSelectBucket} height={HEIGHT} />
      </MetricPanel>
      <MetricPanel title="Error rate" note="of finished">
        <ErrorRateChart buckets={metrics.buckets} height={HEIGHT} />
      </MetricPanel>
      <MetricPanel title="Duration percentiles" note={fromMetrics ? "ExecutionTime by end time" : "by start time"}>
        <DurationPercentilesChart buckets={metrics.buckets} height={HEIGHT} />
      </MetricPanel>
      {!fromMetrics && <MetricPanel title="Duration histogram" note={`${metrics.summary.finished.toLocaleString("en-US")} finished`}>
        <DurationHistogram bins={metrics.histogram} height={HEIGHT} />
      </MetricPanel>}
    </div>
  );
}
