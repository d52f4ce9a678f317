/**
 * How the demo's state machines log: the Express machine logs everything with execution data
 * (that is what makes its executions visible); the Standard ones keep logging off, as most do.
 */
import type { MachineSpec } from "../machines/machine-spec";
import type { DemoPlace } from "../contract";
import type { DemoLogging } from "./log-records";

/** CloudWatch Logs keeps the demo's records this long; older ones are gone, as on AWS. */
export const DEMO_LOG_RETENTION_DAYS = 7;

export function logGroupNameOf(machine: MachineSpec): string {
  return `/aws/vendedlogs/states/${machine.name}-Logs`;
}

export function demoLoggingOf(machine: MachineSpec): DemoLogging | undefined {
  if (machine.type !== "EXPRESS") return undefined;
  return { level: "ALL", includeExecutionData: true, logGroupName: logGroupNameOf(machine) };
}

/** DescribeStateMachine's loggingConfiguration for a machine. */
export function loggingConfigurationOf(machine: MachineSpec, place: DemoPlace) {
  const logging = demoLoggingOf(machine);
  if (!logging) return { level: "OFF", includeExecutionData: false };
  return {
    level: logging.level,
    includeExecutionData: logging.includeExecutionData,
    destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: `arn:aws:logs:${place.region}:${place.accountId}:log-group:${logging.logGroupName}:*` } }],
  };
}
