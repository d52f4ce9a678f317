/** Fleet and state-machine metrics: pure functions of executions and folded histories. */
export * from "./windows";
export * from "./status";
export * from "./columns";
export { tallyColumns } from "./accumulate";
export * from "./percentile";
export * from "./clock-skew";
export * from "./buckets";
export * from "./summary";
export * from "./machine-metrics";
export * from "./health";
export * from "./histogram";
export * from "./normalise-cause";
export * from "./error-groups";
export * from "./failure-records";
export * from "./state-stats";
export * from "./state-execution-grid";
export * from "./failing-since";
