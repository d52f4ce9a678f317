/**
 * What an event type means to the fold, worked out once per type name (a history has a few
 * dozen types but thousands of events, so the string matching is cached).
 */
export type AttemptPhase =
  | "scheduled"
  | "started"
  | "submitted"
  | "succeeded"
  | "failed"
  | "timed_out";

export type EventKind =
  | { k: "execution"; phase: "started" | "succeeded" | "failed" | "timed_out" | "aborted" | "redriven"; detailsKey: string }
  | { k: "stateEntered" | "stateExited" | "stateAborted" | "stateStarted" | "stateSucceeded" | "stateFailed"; stateType: string; detailsKey: string }
  | { k: "attempt"; phase: AttemptPhase; detailsKey: string }
  | { k: "mapIteration"; phase: "started" | "succeeded" | "failed" | "aborted"; detailsKey: string }
  | { k: "mapRun"; phase: "started" | "succeeded" | "failed" | "aborted" | "redriven"; detailsKey: string }
  | { k: "evaluationFailed"; detailsKey: string }
  | { k: "unknown"; detailsKey: string };

const cache = new Map<string, EventKind>();

const EXECUTION: Record<string, "started" | "succeeded" | "failed" | "timed_out" | "aborted" | "redriven"> = {
  ExecutionStarted: "started",
  ExecutionSucceeded: "succeeded",
  ExecutionFailed: "failed",
  ExecutionTimedOut: "timed_out",
  ExecutionAborted: "aborted",
  ExecutionRedriven: "redriven",
};

const ATTEMPT = /^(Task|LambdaFunction|Activity)(Scheduled|Started|Submitted|Succeeded|Failed|TimedOut|StartFailed|ScheduleFailed|SubmitFailed)$/;
const STATE = /^([A-Za-z]+)State(Entered|Exited|Aborted|Started|Succeeded|Failed)$/;
const MAP_ITERATION = /^MapIteration(Started|Succeeded|Failed|Aborted)$/;
const MAP_RUN = /^MapRun(Started|Succeeded|Failed|Aborted|Redriven)$/;

export function eventKind(type: string): EventKind {
  let kind = cache.get(type);
  if (!kind) {
    kind = classify(type);
    cache.set(type, kind);
  }
  return kind;
}

function classify(type: string): EventKind {
  const detailsKey = type.charAt(0).toLowerCase() + type.slice(1) + "EventDetails";
  const execution = EXECUTION[type];
  if (execution) return { k: "execution", phase: execution, detailsKey };
  if (type === "EvaluationFailed") return { k: "evaluationFailed", detailsKey };
  let m = MAP_ITERATION.exec(type);
  if (m) return { k: "mapIteration", phase: m[1].toLowerCase() as "started", detailsKey };
  m = MAP_RUN.exec(type);
  if (m) return { k: "mapRun", phase: m[1].toLowerCase() as "started", detailsKey };
  m = ATTEMPT.exec(type);
  if (m) return { k: "attempt", phase: attemptPhase(m[2]), detailsKey };
  m = STATE.exec(type);
  if (m) {
    const stateType = m[1];
    switch (m[2]) {
      case "Entered":
        return { k: "stateEntered", stateType, detailsKey: "stateEnteredEventDetails" };
      case "Exited":
        return { k: "stateExited", stateType, detailsKey: "stateExitedEventDetails" };
      case "Aborted":
        return { k: "stateAborted", stateType, detailsKey };
      case "Started":
        return { k: "stateStarted", stateType, detailsKey };
      case "Succeeded":
        return { k: "stateSucceeded", stateType, detailsKey };
      default:
        return { k: "stateFailed", stateType, detailsKey };
    }
  }
  return { k: "unknown", detailsKey };
}

function attemptPhase(word: string): AttemptPhase {
  switch (word) {
    case "Scheduled":
      return "scheduled";
    case "Started":
      return "started";
    case "Submitted":
      return "submitted";
    case "Succeeded":
      return "succeeded";
    case "TimedOut":
      return "timed_out";
    default:
      // Failed, StartFailed, ScheduleFailed, SubmitFailed: the attempt ended in an error.
      return "failed";
  }
}
