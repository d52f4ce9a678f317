/**
 * The execution model: what `foldHistory` produces from a history. This file is the contract
 * between lib/history (which builds it) and everything that shows it (graph overlay, timeline,
 * state detail, metrics, the postmortem CLI). Times are epoch milliseconds.
 */
import type { HistoryEvent } from "./events";
import type { AssignedVariables, EvaluationFailure } from "./variables";

export type { AssignedVariables, EvaluationFailure } from "./variables";

export type ExecutionStatus =
  | "RUNNING"
  | "SUCCEEDED"
  | "FAILED"
  | "TIMED_OUT"
  | "ABORTED"
  | "PENDING_REDRIVE"
  | "UNKNOWN";

export type RunStatus =
  | "succeeded"
  | "failed"
  | "caught" // failed, but a Catch sent the execution on (see `caughtBy`)
  | "timed_out"
  | "aborted"
  | "running"
  | "not_reached";

export type AttemptStatus = "succeeded" | "failed" | "timed_out" | "aborted" | "running";

/** A payload as on the wire: JSON text (not parsed: it may be 256 KiB) and AWS's truncation flag. */
export interface Payload {
  text: string;
  truncated: boolean;
}

/** One Scheduled/Submitted/Started → Succeeded/Failed/TimedOut cycle of a Task-like state. */
export interface Attempt {
  /** 0 for the first attempt; retries are attempts with index > 0. */
  index: number;
  status: AttemptStatus;
  scheduledAt: number;
  startedAt?: number;
  endedAt?: number;
  /** Time between the previous attempt's end and this one's scheduling (the retry back-off). */
  waitBeforeMs?: number;
  /** e.g. "lambda", "dynamodb" — from the Task* events' resourceType. */
  resourceType?: string;
  /** e.g. "invoke", "getItem", or the Lambda / activity ARN. */
  resource?: string;
  /** The task's parameters as sent (JSON text), when the history has them. */
  parameters?: Payload;
  /** The task's raw result (before ResultSelector/ResultPath), when it succeeded. */
  result?: Payload;
  error?: string;
  cause?: string;
  eventIds: number[];
}

/** One entry into one state. A state entered three times (a loop) has three runs. */
export interface StateRun {
  /**
   * Unique within the model. Nesting uses "/": `Fan/branch 1/Charge`,
   * `Each/iteration 12/Resize`. A second entry into the same state in the same scope gets
   * `#2` (`Poll#2`), a third `#3`, and so on.
   */
  path: string;
  /** The state's name as in the definition. */
  name: string;
  /** Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map, or the raw prefix of an unknown `*StateEntered`. */
  type: string;
  /** Path of the enclosing Parallel/Map run, or undefined at the top level. */
  parentPath?: string;
  /**
   * Index of the Parallel branch or Map iteration this run belongs to, when nested. Both count
   * from 0: a branch is its position in the definition's `Branches` (the path says `branch 0`
   * for the first), an iteration is the item's index.
   */
  branch?: number;
  iteration?: number;
  status: RunStatus;
  enteredAt: number;
  exitedAt?: number;
  input?: Payload;
  output?: Payload;
  error?: string;
  cause?: string;
  /** When status is "caught": the state the Catch sent the execution to. */
  caughtBy?: string;
  attempts: Attempt[];
  /** Parallel: one entry per branch. */
  branches?: ChildGroup[];
  /** Map (inline): one entry per iteration. */
  iterations?: ChildGroup[];
  /** Distributed Map: the map run (its items are child executions). */
  mapRun?: MapRunRef;
  /** Variables the state (or the Catch that caught it) assigned, from its StateExited event. */
  assignedVariables?: AssignedVariables;
  /** An expression of the state could not be evaluated (the EvaluationFailed event). */
  evaluationFailure?: EvaluationFailure;
  /** Ids of every event that belongs to this run (its own, not its children's). */
  eventIds: number[];
  /** Events of types the fold does not know, kept to be shown raw. */
  unknownEvents: HistoryEvent[];
}

/** A Parallel branch or a Map iteration. */
export interface ChildGroup {
  index: number;
  /** e.g. `Fan/branch 1` or `Each/iteration 12`: the prefix of its runs' paths. */
  path: string;
  /**
   * A Map iteration's comes from its MapIteration* events. A Parallel branch has no events of
   * its own: its status is settled from its runs when the Parallel ends (running until then).
   */
  status: RunStatus;
  startedAt?: number;
  endedAt?: number;
  /** Paths of the runs inside, in entry order. */
  runPaths: string[];
}

export interface MapRunRef {
  mapRunArn: string;
  status: "running" | "succeeded" | "failed" | "aborted";
  startedAt: number;
  endedAt?: number;
  error?: string;
  cause?: string;
  /**
   * Each try of the map run, oldest first: the first from MapRunStarted, one more per
   * MapRunRedriven (the same map run ARN, run again over the children that did not succeed).
   */
  tries?: MapRunTry[];
}

export interface MapRunTry {
  status: "running" | "succeeded" | "failed" | "aborted";
  startedAt: number;
  endedAt?: number;
  error?: string;
  cause?: string;
  /** The redrive count after this try began (0 for the first). */
  redriveCount: number;
}

/**
 * An ExecutionRedriven event. The history goes on under the same ARN: runs entered after it are
 * appended to `runs` (a state entered again in the same scope gets the next `#n`), runs that had
 * ended keep their status, and the execution's status, stop time, error and failedRunPath
 * describe the latest attempt; what the previous one ended with is kept here.
 */
export interface Redrive {
  at: number;
  eventId: number;
  redriveCount?: number;
  /** The execution's status just before this redrive (e.g. FAILED). */
  previousStatus?: ExecutionStatus;
  previousError?: string;
  previousCause?: string;
}

export interface ExecutionModel {
  status: ExecutionStatus;
  startedAt?: number;
  stoppedAt?: number;
  durationMs?: number;
  input?: Payload;
  output?: Payload;
  error?: string;
  cause?: string;
  /**
   * False while running, for cut-off histories (gaps, no start, the 25,000-event limit), for
   * histories fetched without execution data, and when some events could not be read.
   */
  complete: boolean;
  /** Why `complete` is false, in words a person understands. */
  incompleteReason?: string;
  /** Every state run, flat, in entry order. */
  runs: StateRun[];
  redrives: Redrive[];
  /** The innermost run that caused the execution to fail, followed through Parallel and Map. */
  failedRunPath?: string;
  /** Execution-level events of types the fold does not know. */
  unknownEvents: HistoryEvent[];
  eventCount: number;
  lastEventId: number;
  /** False when the history was fetched with includeExecutionData=false. */
  hasExecutionData: boolean;
  /**
   * How Parallel branches are numbered (absent when the execution has none): "definition" when
   * the fold was given the definition, "arrival" when it was not (or a branch's first state is
   * not in it) and branches are numbered in the order their first events arrived — which can
   * differ from one execution of the same machine to the next.
   */
  branchNumbering?: "definition" | "arrival";
  /**
   * Ids of events that came after the execution's terminal Execution* event (and before any
   * redrive). The execution was finished by then; some engines (moto) still write a branch's
   * TaskFailed or a MapIterationFailed after it. Kept, folded, and shown as late.
   */
  eventsAfterEnd?: number[];
}
