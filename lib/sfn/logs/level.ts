/**
 * What a logging configuration lets Stepscope show of Express executions, said plainly: the
 * level decides which events are written, includeExecutionData whether payloads are.
 *
 * Pure.
 */
import type { MachineLogging } from "@/lib/contract/api";

export interface LoggingCoverage {
  /** Whether there is anything to read at all. */
  readable: boolean;
  /** Every event is logged (ALL): the execution page is as complete as a Standard one. */
  fullHistory: boolean;
  coverage: string;
  advice?: string;
}

const TURN_ON =
  "Turn logging on in the state machine's settings (Logging: level ALL, Include execution data) or with " +
  "`aws stepfunctions update-state-machine --state-machine-arn … --logging-configuration " +
  "'level=ALL,includeExecutionData=true,destinations=[{cloudWatchLogsLogGroup={logGroupArn=arn:aws:logs:…:log-group:…:*}}]'`.";

export function loggingCoverage(logging: MachineLogging | undefined): LoggingCoverage {
  if (!logging || logging.level === "OFF" || !logging.logGroupName) {
    return {
      readable: false,
      fullHistory: false,
      coverage: "Logging is off for this state machine: Step Functions writes no record of its Express executions, so none can be listed.",
      advice: TURN_ON,
    };
  }
  const data = logging.includeExecutionData
    ? "with inputs and outputs"
    : "without payloads (execution data is not included, so inputs and outputs are not shown)";
  switch (logging.level) {
    case "ALL":
      return {
        readable: true,
        fullHistory: true,
        coverage: `Every event is logged to ${logging.logGroupName}, ${data}.`,
        advice: logging.includeExecutionData ? undefined : "Turn on “Include execution data” in the state machine's logging settings to see payloads.",
      };
    case "ERROR":
      return {
        readable: true,
        fullHistory: false,
        coverage: `Only errors are logged to ${logging.logGroupName} (level ERROR), ${data}: failed, timed out and aborted executions are listed with the events that failed (started at their first logged event); succeeded ones are not logged at all.`,
        advice: "Set the logging level to ALL to list every execution and see every state.",
      };
    case "FATAL":
      return {
        readable: true,
        fullHistory: false,
        coverage: `Only execution failures are logged to ${logging.logGroupName} (level FATAL), ${data}: failed, timed out and aborted executions are listed, without their states and with their end as their start; succeeded ones are not logged.`,
        advice: "Set the logging level to ALL to list every execution and see every state.",
      };
  }
}
