/** Figures from CloudWatch's AWS/States metrics. Server only. */
export { alwaysFromMetrics, machineFigures, machineMetricsFromCloudWatch, metricsResponseFromFigures, needsMetrics, withMetricFigures } from "./machine-figures";
