/** Figures from CloudWatch's AWS/States metrics. Server only. */
export { machineFigures, machineMetricsFromCloudWatch, needsMetrics, withMetricFigures } from "./machine-figures";
