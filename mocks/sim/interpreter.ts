/**
 * Runs an ASL definition on a virtual clock and records the history Step Functions would
 * write for it. Nothing waits: every duration is drawn from the execution's own generator,
 * so the whole life of an execution is planned in one pass.
 */
import type { AslMachine, AslState, Catcher, QueryLanguage } from "./asl";
import type { ExecutionFacts, TaskBehaviour, TaskOutcome } from "./behaviour";
import { cutPlan } from "./cut";
import { chooseNext } from "./choice";
import { applyResultPath, type ContextSource, resolveTemplate, selectPath, StatesError, type Json } from "./jsonpath";
import { type EvaluationScope, assign, evaluateExpression, evaluateTemplate, isExpression, QueryEvaluationError, type Variables } from "./jsonata";
import type { ExecutionPlan, MapRunPlan, PlannedEvent, PlannedRedrive } from "./plan";
import { hash32, Rng } from "./random";
import { type Draft, JsonText, Recorder } from "./recorder";
import { findCatcher, findRetrier, maxAttempts, retryDelayMs } from "./retry";
import { toleranceExceededBy } from "../../lib/postmortem/map-run-tolerance";
import { mapModeOf, nestedScopes } from "../../lib/asl/walk";

export interface PlanRequest {
  definition: AslMachine;
  input: Json;
  startMs: number;
  seed: number;
  executionArn: string;
  stateMachineArn: string;
  name: string;
  roleArn: string;
  region: string;
  traits: ExecutionFacts["traits"];
  behaviours: Record<string, TaskBehaviour>;
  fallbackBehaviour: TaskBehaviour;
  /** ARNs for a distributed Map's run and its children, derived from the parent's name. */
  mapRunArn?: (stateName: string) => string;
  childExecution?: (mapRunArn: string, index: number) => { arn: string; name: string; stateMachineArn: string };
  mapRunArnOfParent?: string;
  /** False to skip building event payloads (status and timing only); the plan is otherwise the same. */
  detailed?: boolean;
  /**
   * When someone redrives the execution after an attempt failed at `endedMs` (the n-th redrive
   * is `redriveCount`), or undefined if nobody does.
   */
  redriveAt?: (redriveCount: number, endedMs: number, error: string) => number | undefined;
  /**
   * The first attempt is stopped at this time (ExecutionAborted) and redriven at
   * `redriveAt(1, abortAt, "ABORTED")` from the state it was in: a map run's child that was
   * aborted when the run exceeded its tolerance, and was redriven with the map run.
   */
  abortAt?: number;
}

/** Step Functions' hard quota on one execution's history. */
export const HISTORY_EVENT_LIMIT = 25_000;
export const HISTORY_LIMIT_ERROR = "States.Runtime";
export const HISTORY_LIMIT_CAUSE = `The execution reached the maximum number of history events (${HISTORY_EVENT_LIMIT}).`;
/** The states a redrive can continue from: one that failed as a whole (not a Parallel's or inline Map's part). */
const REDRIVABLE_TYPES = new Set(["Task", "Pass", "Choice", "Wait", "Fail"]);

type Outcome = { ok: true; output: Json } | { ok: false; error: string; cause?: string };

interface StepEnd {
  t: number;
  last: Draft | null;
  outcome: Outcome;
  next?: string;
  /** The workflow variables after the state. */
  vars?: Variables;
  /** Where a failed scope stopped: the state a redrive would start again, with its input. */
  failedAt?: { name: string; type: AslState["Type"]; input: Json; vars: Variables; resume?: Resume };
  /** A state that a redrive continues rather than enters again (a distributed Map's map run). */
  resume?: Resume;
}

/** Continues a failed state after ExecutionRedriven (the n-th redrive is `redriveCount`). */
type Resume = (redriven: Draft, redriveCount: number) => StepEnd;

/** A top-level state as it was entered: where an aborted attempt is redriven from. */
interface Entered {
  name: string;
  t: number;
  input: Json;
  vars: Variables;
}

/** How a Task, Parallel or Map state takes its input and turns its result or error into its output. */
interface DataFlow {
  input(attempt: number): Json;
  succeed(result: Json, t: number, prev: Draft, attempt: number): StepEnd;
  fail(error: string, cause: string | undefined, t: number, prev: Draft): StepEnd;
}

interface MapItem {
  index: number;
  value: Json;
}

/** What a Map iterates over, and each iteration's input. */
interface MapItems {
  items: Json[];
  itemInput(index: number): Json;
}

const text = (value: Json) => JSON.stringify(value);
/** Payloads are turned into JSON text only when a full history is asked for. */
const payload = (value: Json) => new JsonText(value);
const notTruncated = { truncated: false };

export function planExecution(request: PlanRequest): ExecutionPlan {
  return new Interpreter(request).run();
}

class Interpreter {
  private readonly rng: Rng;
  private readonly mapRuns: MapRunPlan[] = [];
  private readonly facts: ExecutionFacts;
  private readonly executionContext: Json;

  private readonly rec: Recorder;
  private redriveCount = 0;

  constructor(private readonly req: PlanRequest) {
    this.rec = new Recorder(req.detailed ?? true);
    this.rng = new Rng(req.seed);
    this.executionContext = {
      Id: req.executionArn,
      Name: req.name,
      StartTime: new Date(req.startMs).toISOString(),
      Input: req.input,
      RoleArn: req.roleArn,
    };
    this.facts = {
      machineName: req.stateMachineArn.split(":").pop() ?? "",
      executionName: req.name,
      startMs: req.startMs,
      traits: req.traits,
    };
  }

  run(): ExecutionPlan {
    const { req, rec } = this;
    const started = rec.emit(req.startMs, "ExecutionStarted", null, "executionStartedEventDetails", {
      input: payload(req.input),
      inputDetails: notTruncated,
      roleArn: req.roleArn,
    });
    // As in real histories, the first state's event does not link back to ExecutionStarted.
    const trail: Entered[] = [];
    let end = this.runScope(req.definition, req.input, started.t + this.gap(), null, undefined, {}, undefined, undefined, trail);
    const redrives: PlannedRedrive[] = [];
    let closing: Draft;
    if (req.abortAt !== undefined && end.t > req.abortAt) end = this.abortAndRedrive(req.abortAt, trail, redrives) ?? end;
    for (;;) {
      const at = end.t + this.gap();
      if (end.outcome.ok) {
        closing = rec.emit(at, "ExecutionSucceeded", end.last, "executionSucceededEventDetails", { output: payload(end.outcome.output), outputDetails: notTruncated });
        break;
      }
      closing = rec.emit(at, "ExecutionFailed", end.last, "executionFailedEventDetails", errorDetails(end.outcome.error, end.outcome.cause));
      const from = end.failedAt;
      const redriveMs = from && isRedrivable(from) && !this.overLimit() ? req.redriveAt?.(redrives.length + 1, closing.t, end.outcome.error) : undefined;
      if (redriveMs === undefined || redriveMs <= closing.t) break;
      redrives.push({ endedMs: closing.t, endedStatus: "FAILED", endedError: end.outcome.error, endedCause: end.outcome.cause, atMs: redriveMs });
      // The same history goes on: the failed state runs again with the input it had, or (a
      // distributed Map) its map run is redriven and the state goes on from there.
      const redriven = rec.emit(redriveMs, "ExecutionRedriven", closing, "executionRedrivenEventDetails", { redriveCount: redrives.length });
      this.redriveCount = redrives.length;
      end = from!.resume
        ? this.continueAfter(from!.resume(redriven, redrives.length), from!)
        : this.runScope(req.definition, from!.input, redriven.t + this.gap(), redriven, undefined, from!.vars, from!.name);
    }
    let events = rec.finish();
    let outcome = end.outcome;
    let redrivable = !outcome.ok && end.failedAt !== undefined && isRedrivable(end.failedAt);
    if (events.length > HISTORY_EVENT_LIMIT || (events.length === HISTORY_EVENT_LIMIT && closing.type !== "ExecutionSucceeded")) {
      events = capHistory(events, rec.detailed);
      outcome = { ok: false, error: HISTORY_LIMIT_ERROR, cause: HISTORY_LIMIT_CAUSE };
      redrivable = false;
    }
    const stopMs = events[events.length - 1].timestampMs;
    // Resolve texts that name event ids ("entered at the event id #n").
    const cause = outcome.ok || outcome.cause === undefined ? undefined : rec.resolveIds(outcome.cause);
    for (const r of redrives) if (r.endedCause !== undefined) r.endedCause = rec.resolveIds(r.endedCause);
    return {
      executionArn: req.executionArn,
      stateMachineArn: req.stateMachineArn,
      name: req.name,
      startMs: req.startMs,
      stopMs,
      status: outcome.ok ? "SUCCEEDED" : "FAILED",
      input: text(req.input),
      output: outcome.ok ? text(outcome.output) : undefined,
      error: outcome.ok ? undefined : outcome.error,
      cause,
      events,
      mapRuns: this.mapRuns.filter((r) => r.startMs <= stopMs),
      mapRunArn: req.mapRunArnOfParent,
      ...(redrives.some((r) => r.atMs <= stopMs) ? { redrives: redrives.filter((r) => r.atMs <= stopMs) } : {}),
      ...(redrivable ? { redrivable } : {}),
    };
  }

  /** A resumed top-level state has ended: go on with the state after it, as runScope would. */
  private continueAfter(step: StepEnd, from: NonNullable<StepEnd["failedAt"]>): StepEnd {
    if (!step.outcome.ok) return { ...step, failedAt: { ...from, resume: step.resume } };
    const vars = step.vars ?? from.vars;
    if (!step.next) return { ...step, vars };
    return this.runScope(this.req.definition, step.outcome.output, step.t + this.gap(), step.last, undefined, vars, step.next);
  }

  /**
   * What the first attempt would have done after `atMs` never happens: ExecutionAborted at
   * `atMs`, then ExecutionRedriven and the state that was running runs again with its input.
   */
  private abortAndRedrive(atMs: number, trail: Entered[], redrives: PlannedRedrive[]): StepEnd | undefined {
    const open = [...trail].reverse().find((s) => s.t <= atMs);
    const redriveMs = this.req.redriveAt?.(1, atMs, "ABORTED");
    if (!open || redriveMs === undefined || redriveMs <= atMs) return undefined;
    this.rec.dropAfter(0, this.rec.mark(), atMs);
    const aborted = this.rec.emit(atMs, "ExecutionAborted", null, "executionAbortedEventDetails", {});
    redrives.push({ endedMs: atMs, endedStatus: "ABORTED", atMs: redriveMs });
    const redriven = this.rec.emit(redriveMs, "ExecutionRedriven", aborted, "executionRedrivenEventDetails", { redriveCount: 1 });
    this.redriveCount = 1;
    return this.runScope(this.req.definition, open.input, redriven.t + this.gap(), redriven, undefined, open.vars, open.name);
  }

  /** Past the history quota (with room for events a sibling branch drops): stop planning. */
  private overLimit(): boolean {
    return this.rec.drafts.length > HISTORY_EVENT_LIMIT + 1000;
  }

  /** A short engine delay between two events (tens of ms). */
  private gap(): number {
    return this.rng.int(8, 60);
  }

  /**
   * The `$$` context object, built only if a path reads it: most states never do, and
   * planning a day of executions builds hundreds of thousands of states.
   */
  private context(stateName: string, enteredMs: number, item?: MapItem, retryCount = 0): ContextSource {
    return () => this.buildContext(stateName, enteredMs, item, retryCount);
  }

  private buildContext(stateName: string, enteredMs: number, item: MapItem | undefined, retryCount: number): Json {
    const { req } = this;
    const ctx = {
      Execution: this.executionContext,
      StateMachine: { Id: req.stateMachineArn, Name: this.facts.machineName },
      State: {
        Name: stateName,
        get EnteredTime() {
          return new Date(enteredMs).toISOString();
        },
        RetryCount: retryCount,
      },
      Task: {
        get Token() {
          const h = (n: number) => hash32(req.seed, stateName, enteredMs, retryCount, n).toString(16).padStart(8, "0");
          return `AQC4AAAAKgAAAAMAAAAA${h(1)}${h(2)}${h(3)}${h(4)}${h(5)}/${h(6)}${h(7)}${h(8)}==`;
        },
      },
    } as unknown as { [key: string]: Json };
    if (item) ctx.Map = { Item: { Index: item.index, Value: item.value } };
    return ctx;
  }

  private runScope(machine: AslMachine, input: Json, t: number, prev: Draft | null, item: MapItem | undefined, vars: Variables, startAt = machine.StartAt, inherited?: QueryLanguage, trail?: Entered[]): StepEnd {
    const language = machine.QueryLanguage ?? inherited ?? this.req.definition.QueryLanguage ?? "JSONPath";
    let name = startAt;
    let current = input;
    let at = t;
    let last = prev;
    let variables = vars;
    for (;;) {
      const state = machine.States[name];
      if (!state) {
        return { t: at, last, outcome: { ok: false, error: "States.Runtime", cause: `State '${name}' does not exist` } };
      }
      if (this.overLimit()) return { t: at, last, outcome: { ok: false, error: HISTORY_LIMIT_ERROR, cause: HISTORY_LIMIT_CAUSE } };
      trail?.push({ name, t: at, input: current, vars: variables });
      const step = this.runState(name, state, current, at, last, item, variables, state.QueryLanguage ?? language);
      if (!step.outcome.ok) return { ...step, failedAt: { name, type: state.Type, input: current, vars: variables, resume: step.resume } };
      variables = step.vars ?? variables;
      if (!step.next) return { ...step, vars: variables };
      name = step.next;
      current = step.outcome.output;
      at = step.t + this.gap();
      last = step.last;
    }
  }

  private runState(name: string, state: AslState, input: Json, t: number, prev: Draft | null, item: MapItem | undefined, vars: Variables, language: QueryLanguage): StepEnd {
    const entered = this.rec.emit(t, `${state.Type}StateEntered`, prev, "stateEnteredEventDetails", {
      name,
      input: payload(input),
      inputDetails: notTruncated,
    });
    try {
      if (language === "JSONata") return this.runJsonataState(name, state, input, entered, item, vars);
      const flow = this.jsonPathFlow(name, state, input, entered, item);
      switch (state.Type) {
        case "Task":
          return this.runTask(name, state, entered, item, flow);
        case "Parallel":
          return this.runParallel(state, entered, vars, flow);
        case "Map":
          return this.runMap(name, state, entered, vars, language, flow, this.jsonPathItems(name, state, input, entered, item));
        case "Choice": {
          const ctx = this.context(name, entered.t, item);
          const effective = selectPath(state.InputPath, input, ctx);
          const next = chooseNext(state.Choices ?? [], state.Default, effective, ctx);
          return this.exit(name, state, entered.t + this.gap(), entered, selectPath(state.OutputPath, input, ctx), next);
        }
        case "Wait": {
          const ctx = this.context(name, entered.t, item);
          const output = selectPath(state.OutputPath, selectPath(state.InputPath, input, ctx), ctx);
          return this.exit(name, state, entered.t + Number(state.Seconds ?? 0) * 1000, entered, output, state.Next);
        }
        case "Pass": {
          const ctx = this.context(name, entered.t, item);
          const effective = this.effectiveInput(state, input, ctx);
          const result = state.Result !== undefined ? state.Result : effective;
          const output = selectPath(state.OutputPath, applyResultPath(state.ResultPath, input, result), ctx);
          return this.exit(name, state, entered.t + this.gap(), entered, output, state.Next);
        }
        case "Succeed": {
          const ctx = this.context(name, entered.t, item);
          const output = selectPath(state.OutputPath, selectPath(state.InputPath, input, ctx), ctx);
          return this.exit(name, state, entered.t + this.gap(), entered, output, undefined);
        }
        case "Fail":
          return { t: entered.t, last: entered, outcome: { ok: false, error: state.Error ?? "States.Fail", cause: state.Cause } };
      }
    } catch (err) {
      if (err instanceof QueryEvaluationError) return this.evaluationFailed(state, entered, err);
      if (err instanceof StatesError) {
        const cause = `An error occurred while executing the state '${name}'. ${err.cause}`;
        return { t: entered.t + this.gap(), last: entered, outcome: { ok: false, error: err.error, cause } };
      }
      throw err;
    }
  }

  /**
   * A JSONata expression failed: EvaluationFailed names the state and the field. As in recorded
   * histories it links to the event before the state's entry, and a Map also records MapStateFailed.
   */
  private evaluationFailed(state: AslState, entered: Draft, err: QueryEvaluationError): StepEnd {
    const details: Record<string, unknown> = { error: err.error, cause: err.cause, state: err.state };
    if (err.location !== undefined) details.location = err.location;
    const after = err.when ? (err.when.after as Draft) : entered.prev;
    let last = this.rec.emit((err.when?.atMs ?? entered.t) + this.gap(), "EvaluationFailed", after, "evaluationFailedEventDetails", details);
    if (state.Type === "Map") last = this.rec.emit(last.t + this.gap(), "MapStateFailed", last);
    return { t: last.t, last, outcome: { ok: false, error: err.error, cause: err.cause } };
  }

  private jsonPathFlow(name: string, state: AslState, input: Json, entered: Draft, item: MapItem | undefined): DataFlow {
    return {
      input: (attempt) => this.effectiveInput(state, input, this.context(name, entered.t, item, attempt)),
      succeed: (result, t, prev, attempt) => {
        try {
          return this.finishWithResult(name, state, input, result, t, prev, this.context(name, entered.t, item, attempt));
        } catch (err) {
          // A ResultSelector or ResultPath that does not match fails the state after its task ran.
          if (!(err instanceof StatesError)) throw err;
          return { t, last: prev, outcome: { ok: false, error: err.error, cause: `An error occurred while executing the state '${name}'. ${err.cause}` } };
        }
      },
      fail: (error, cause, t, prev) => this.handleError(name, state, input, error, cause, t, prev),
    };
  }

  private jsonPathItems(name: string, state: AslState, input: Json, entered: Draft, item: MapItem | undefined): MapItems {
    const ctx = this.context(name, entered.t, item);
    const effective = selectPath(state.InputPath, input, ctx);
    const items = selectPath(state.ItemsPath ?? "$", effective, ctx);
    if (!Array.isArray(items)) {
      throw new StatesError("States.Runtime", `Map state input must be an array, but '${state.ItemsPath ?? "$"}' is ${typeof items}`);
    }
    return {
      items,
      itemInput: (index) =>
        state.ItemSelector !== undefined
          ? resolveTemplate(state.ItemSelector, effective, this.context(name, entered.t, { index, value: items[index] }))
          : items[index],
    };
  }

  /** `$states` and the variables for one of a JSONata state's fields. */
  private scope(name: string, entered: Draft, item: MapItem | undefined, vars: Variables, input: Json, extra: Partial<EvaluationScope["states"]> = {}, attempt = 0): EvaluationScope {
    const build = () => this.buildContext(name, entered.t, item, attempt);
    const states = { input, ...extra } as EvaluationScope["states"];
    Object.defineProperty(states, "context", { get: build, enumerable: true });
    return { states, variables: vars, stateName: name, enteredDraft: entered.index };
  }

  /** Output, then Assign (which sees the same `$states`, not the output), then the Exited event. */
  private jsonataExit(name: string, state: { Output?: Json; Assign?: { [k: string]: Json } }, type: AslState["Type"], t: number, prev: Draft, scope: EvaluationScope, fallback: Json, next: string | undefined, end: boolean): StepEnd {
    const output = state.Output !== undefined ? evaluateTemplate(state.Output, "Output", scope) : fallback;
    let vars = scope.variables;
    const details: Record<string, unknown> = { name, output: payload(output), outputDetails: notTruncated };
    if (state.Assign) {
      const assigned = assign(state.Assign, scope);
      vars = assigned.variables;
      details.assignedVariables = Object.fromEntries(Object.entries(assigned.assigned).map(([k, v]) => [k, JSON.stringify(v)]));
      details.assignedVariablesDetails = notTruncated;
    }
    const exited = this.rec.emit(t, `${type}StateExited`, prev, "stateExitedEventDetails", details);
    return { t: exited.t, last: exited, outcome: { ok: true, output }, next: end ? undefined : next, vars };
  }

  private runJsonataState(name: string, state: AslState, input: Json, entered: Draft, item: MapItem | undefined, vars: Variables): StepEnd {
    const base = this.scope(name, entered, item, vars, input);
    const exitAfter = (delayMs: number, next = state.Next) => this.jsonataExit(name, state, state.Type, entered.t + delayMs, entered, base, input, next, state.End === true);
    const flow: DataFlow = {
      input: (attempt) => (state.Arguments !== undefined ? evaluateTemplate(state.Arguments, "Arguments", this.scope(name, entered, item, vars, input, {}, attempt)) : input),
      succeed: (result, t, prev, attempt) =>
        failingAt(t, prev, () => this.jsonataExit(name, state, state.Type, t, prev, this.scope(name, entered, item, vars, input, { result }, attempt), result, state.Next, state.End === true)),
      fail: (error, cause, t, prev) => failingAt(t, prev, () => this.jsonataCatch(name, state, entered, item, vars, input, error, cause, t, prev)),
    };
    switch (state.Type) {
      case "Task":
        return this.runTask(name, state, entered, item, flow);
      case "Parallel":
        return this.runParallel(state, entered, vars, flow);
      case "Map": {
        const items = state.Items !== undefined ? evaluateTemplate(state.Items, "Items", base) : input;
        if (!Array.isArray(items)) {
          throw new QueryEvaluationError(undefined, name, `Map state input must be an array but was: ${JSON.stringify(items)}`, base.enteredDraft);
        }
        return this.runMap(name, state, entered, vars, "JSONata", flow, {
          items,
          itemInput: (index) =>
            state.ItemSelector !== undefined
              ? evaluateTemplate(state.ItemSelector, "ItemSelector", this.scope(name, entered, { index, value: items[index] }, vars, input))
              : items[index],
        });
      }
      case "Pass":
        return exitAfter(this.gap());
      case "Wait": {
        const seconds = isExpression(state.Seconds) ? evaluateExpression(state.Seconds, "Seconds", base) : (state.Seconds ?? 0);
        if (typeof seconds !== "number" || seconds < 0) {
          throw new QueryEvaluationError("Seconds", name, `The JSONata expression '${String(state.Seconds)}' specified for the field 'Seconds' returned an unexpected result type. Expected 'number', but was '${typeof seconds}'`, base.enteredDraft);
        }
        return exitAfter(Math.round(seconds * 1000));
      }
      case "Choice": {
        for (const rule of state.Choices ?? []) {
          const holds = rule.Condition !== undefined ? evaluateExpression(rule.Condition, "Condition", base) : false;
          if (holds === true) {
            const merged = { Output: rule.Output ?? state.Output, Assign: rule.Assign ?? state.Assign };
            return this.jsonataExit(name, merged, "Choice", entered.t + this.gap(), entered, base, input, rule.Next, false);
          }
        }
        if (!state.Default) throw new StatesError("States.NoChoiceMatched", "No Matches!");
        return this.jsonataExit(name, state, "Choice", entered.t + this.gap(), entered, base, input, state.Default, false);
      }
      case "Succeed":
        return this.jsonataExit(name, state, "Succeed", entered.t + this.gap(), entered, base, input, undefined, true);
      case "Fail": {
        const error = isExpression(state.Error) ? String(evaluateExpression(state.Error, "Error", base)) : (state.Error ?? "States.Fail");
        const cause = isExpression(state.Cause) ? String(evaluateExpression(state.Cause, "Cause", base)) : state.Cause;
        return { t: entered.t, last: entered, outcome: { ok: false, error, cause } };
      }
    }
  }

  /** A JSONata Catch: `$states.errorOutput` feeds its Output (default: the error output) and Assign. */
  private jsonataCatch(name: string, state: AslState, entered: Draft, item: MapItem | undefined, vars: Variables, input: Json, error: string, cause: string | undefined, t: number, prev: Draft): StepEnd {
    const catcher: Catcher | undefined = error === "States.Runtime" ? undefined : findCatcher(state.Catch, error);
    if (!catcher) return { t, last: prev, outcome: { ok: false, error, cause } };
    const errorOutput: { [key: string]: Json } = { Error: error };
    if (cause !== undefined) errorOutput.Cause = cause;
    const scope = this.scope(name, entered, item, vars, input, { errorOutput });
    return this.jsonataExit(name, catcher, state.Type, t + this.gap(), prev, scope, errorOutput, catcher.Next, false);
  }

  private effectiveInput(state: AslState, input: Json, ctx: ContextSource): Json {
    const selected = selectPath(state.InputPath, input, ctx);
    return state.Parameters !== undefined ? resolveTemplate(state.Parameters, selected, ctx) : selected;
  }

  /** ResultSelector → ResultPath → OutputPath, then the Exited event. */
  private finishWithResult(name: string, state: AslState, input: Json, result: Json, t: number, prev: Draft, ctx: ContextSource): StepEnd {
    const selected = state.ResultSelector !== undefined ? resolveTemplate(state.ResultSelector, result, ctx) : result;
    const output = selectPath(state.OutputPath, applyResultPath(state.ResultPath, input, selected), ctx);
    return this.exit(name, state, t, prev, output, state.Next);
  }

  private exit(name: string, state: AslState, t: number, prev: Draft, output: Json, next: string | undefined): StepEnd {
    const exited = this.rec.emit(t, `${state.Type}StateExited`, prev, "stateExitedEventDetails", {
      name,
      output: payload(output),
      outputDetails: notTruncated,
    });
    return { t: exited.t, last: exited, outcome: { ok: true, output }, next: state.End ? undefined : next };
  }

  /** A failed Task/Parallel/Map: go to the matching Catch, or fail the scope. */
  private handleError(name: string, state: AslState, input: Json, error: string, cause: string | undefined, t: number, prev: Draft): StepEnd {
    const catcher = error === "States.Runtime" ? undefined : findCatcher(state.Catch, error);
    if (!catcher) return { t, last: prev, outcome: { ok: false, error, cause } };
    const errorOutput: { [key: string]: Json } = { Error: error };
    if (cause !== undefined) errorOutput.Cause = cause;
    const output = applyResultPath(catcher.ResultPath, input, errorOutput);
    return this.exit(name, state, t + this.gap(), prev, output, catcher.Next);
  }

  /** `<Type>StateAborted` for each state a cancelled branch or iteration had entered but not left. */
  private abortOpenStates(from: number, to: number, at: number, cause: Draft | null): void {
    const open: Draft[] = [];
    for (let i = from; i < to; i++) {
      const d = this.rec.drafts[i];
      if (d.dropped) continue;
      if (d.type.endsWith("StateEntered")) open.push(d);
      else if (d.type.endsWith("StateExited") || d.type.endsWith("StateAborted")) {
        const name = (d.details as { name?: string } | undefined)?.name;
        const index = open.findIndex((o) => (o.details as { name?: string } | undefined)?.name === name);
        if (index >= 0) open.splice(index, 1);
      }
    }
    for (const d of open.reverse()) this.rec.emit(at, d.type.replace(/StateEntered$/, "StateAborted"), cause);
  }

  private runTask(name: string, state: AslState, entered: Draft, item: MapItem | undefined, flow: DataFlow): StepEnd {
    const { resourceType, resource } = parseResource(state.Resource ?? "");
    const retries = (state.Retry ?? []).map(() => 0);
    let prev: Draft = entered;
    let at = entered.t + this.gap();
    for (let attempt = 0; ; attempt++) {
      const parameters = flow.input(attempt);
      const scheduledDetails: Record<string, unknown> = { resourceType, resource, region: this.req.region, parameters: payload(parameters) };
      if (state.TimeoutSeconds !== undefined) scheduledDetails.timeoutInSeconds = state.TimeoutSeconds;
      if (state.HeartbeatSeconds !== undefined) scheduledDetails.heartbeatInSeconds = state.HeartbeatSeconds;
      const scheduled = this.rec.emit(at, "TaskScheduled", prev, "taskScheduledEventDetails", scheduledDetails);
      const started = this.rec.emit(scheduled.t + this.gap(), "TaskStarted", scheduled, "taskStartedEventDetails", { resourceType, resource });
      let last = started;
      if (resource.endsWith(".waitForTaskToken")) {
        last = this.rec.emit(started.t + this.gap(), "TaskSubmitted", started, "taskSubmittedEventDetails", {
          resourceType,
          resource,
          output: payload(submitReceipt(this.rng)),
          outputDetails: notTruncated,
        });
      }
      const behaviour = this.req.behaviours[name] ?? this.req.fallbackBehaviour;
      const outcome = behaviour({ state: name, resourceType, resource, parameters, attempt, redriveCount: this.redriveCount, startMs: started.t, rng: this.rng, execution: this.facts });
      const ending = taskEnding(outcome, state, started.t);
      if (ending.kind === "succeed") {
        const done = this.rec.emit(Math.max(ending.t, last.t + 1), "TaskSucceeded", last, "taskSucceededEventDetails", {
          resourceType,
          resource,
          output: payload(ending.result),
          outputDetails: notTruncated,
        });
        return flow.succeed(ending.result, done.t + this.gap(), done, attempt);
      }
      const details: Record<string, unknown> = { resourceType, resource, error: ending.error };
      if (ending.cause !== undefined) details.cause = ending.cause;
      const failed =
        ending.kind === "timeout"
          ? this.rec.emit(ending.t, "TaskTimedOut", last, "taskTimedOutEventDetails", details)
          : this.rec.emit(Math.max(ending.t, last.t + 1), "TaskFailed", last, "taskFailedEventDetails", details);
      const r = findRetrier(state.Retry, ending.error);
      if (r >= 0 && retries[r] < maxAttempts(state.Retry![r])) {
        at = failed.t + retryDelayMs(state.Retry![r], retries[r], () => this.rng.next());
        retries[r]++;
        prev = failed;
        continue;
      }
      return flow.fail(ending.error, ending.cause, failed.t, failed);
    }
  }

  private runParallel(state: AslState, entered: Draft, vars: Variables, flow: DataFlow): StepEnd {
    const effective = flow.input(0);
    const started = this.rec.emit(entered.t + this.gap(), "ParallelStateStarted", entered);
    const runs = (state.Branches ?? []).map((branch) => {
      const from = this.rec.mark();
      const end = this.runScope(branch, effective, started.t + this.gap(), started, undefined, vars);
      return { from, to: this.rec.mark(), end };
    });
    const failures = runs.filter((r) => !r.end.outcome.ok).sort((a, b) => a.end.t - b.end.t);
    if (failures.length > 0) {
      const first = failures[0];
      // The first failing branch stops the others: what they would have done later never happens.
      for (const r of runs) {
        if (r === first) continue;
        this.rec.dropAfter(r.from, r.to, first.end.t);
        this.abortOpenStates(r.from, r.to, first.end.t + 1, first.end.last);
      }
      const failed = this.rec.emit(first.end.t + this.gap(), "ParallelStateFailed", first.end.last);
      const outcome = first.end.outcome as Extract<Outcome, { ok: false }>;
      return flow.fail(outcome.error, outcome.cause, failed.t, failed);
    }
    const latest = runs.reduce((a, b) => (b.end.t >= a.end.t ? b : a), runs[0]);
    const succeeded = this.rec.emit((latest?.end.t ?? started.t) + this.gap(), "ParallelStateSucceeded", latest?.end.last ?? started);
    const outputs = runs.map((r) => (r.end.outcome as Extract<Outcome, { ok: true }>).output);
    return flow.succeed(outputs, succeeded.t + this.gap(), succeeded, 0);
  }

  private runMap(name: string, state: AslState, entered: Draft, vars: Variables, language: QueryLanguage, flow: DataFlow, { items, itemInput }: MapItems): StepEnd {
    const started = this.rec.emit(entered.t + this.gap(), "MapStateStarted", entered, "mapStateStartedEventDetails", { length: items.length });
    if (mapModeOf(state as unknown as Record<string, unknown>) === "distributed") {
      return this.runDistributedMap(name, state, items.map((_, i) => itemInput(i)), started, flow);
    }
    const slots = new Array<number>(Math.max(1, Math.min(state.MaxConcurrency || 40, items.length || 1))).fill(started.t + this.gap());
    const runs = items.map((_, index) => {
      const slot = slots.indexOf(Math.min(...slots));
      const from = this.rec.mark();
      const begun = this.rec.emit(slots[slot], "MapIterationStarted", started, "mapIterationStartedEventDetails", { index, name });
      const end = this.runScope(processorOf(state), itemInput(index), begun.t + this.gap(), begun, { index, value: items[index] }, vars, undefined, language);
      const type = end.outcome.ok ? "MapIterationSucceeded" : "MapIterationFailed";
      const key = end.outcome.ok ? "mapIterationSucceededEventDetails" : "mapIterationFailedEventDetails";
      const closed = this.rec.emit(end.t + this.gap(), type, end.last ?? begun, key, { index, name });
      slots[slot] = closed.t + 1;
      return { from, to: this.rec.mark(), begun, closed, end };
    });
    const failures = runs.filter((r) => !r.end.outcome.ok).sort((a, b) => a.closed.t - b.closed.t);
    if (failures.length > 0) {
      const first = failures[0];
      const at = first.closed.t;
      for (const r of runs) {
        if (r === first) continue;
        if (r.begun.t > at) this.rec.dropAfter(r.from, r.to, -Infinity);
        else if (r.closed.t > at) {
          // As the service does: the iteration's running state and the iteration itself are
          // marked aborted, linked to the failure that caused it.
          this.rec.dropAfter(r.from, r.to, at);
          this.abortOpenStates(r.from, r.to, at + 1, first.closed);
          this.rec.emit(at + 1, "MapIterationAborted", first.closed, "mapIterationAbortedEventDetails", { index: runs.indexOf(r), name });
        }
      }
      const failed = this.rec.emit(at + this.gap(), "MapStateFailed", first.closed);
      const outcome = first.end.outcome as Extract<Outcome, { ok: false }>;
      return flow.fail(outcome.error, outcome.cause, failed.t, failed);
    }
    const latest = runs.reduce<(typeof runs)[number] | undefined>((a, b) => (!a || b.closed.t >= a.closed.t ? b : a), undefined);
    const succeeded = this.rec.emit((latest?.closed.t ?? started.t) + this.gap(), "MapStateSucceeded", latest?.closed ?? started);
    const outputs = runs.map((r) => (r.end.outcome as Extract<Outcome, { ok: true }>).output);
    return flow.succeed(outputs, succeeded.t + this.gap(), succeeded, 0);
  }

  /**
   * Items run as child executions; the parent only records the map run's start and end. When
   * the run fails (its tolerance exceeded) the returned step can be resumed by a redrive of the
   * parent: MapRunRedriven, and the children that did not succeed run again (failed and aborted
   * ones are redriven under their own ARN, items never started start now).
   */
  private runDistributedMap(name: string, state: AslState, itemInputs: Json[], started: Draft, flow: DataFlow): StepEnd {
    const mapRunArn = this.req.mapRunArn?.(name) ?? `${this.req.executionArn}:mapRun:${name}`;
    const runStarted = this.rec.emit(started.t + this.gap(), "MapRunStarted", started, "mapRunStartedEventDetails", { mapRunArn });
    const processor = processorOf(state);
    const childDefinition: AslMachine = { StartAt: processor.StartAt, States: processor.States };
    const maxConcurrency = state.MaxConcurrency ?? 1000;
    const tolerance = { percentage: state.ToleratedFailurePercentage, count: state.ToleratedFailureCount };
    const seeds = itemInputs.map((_, index) => this.rng.fork(index).next() * 2 ** 32);
    /** Each child's redrives so far (ms), and when its first attempt was aborted by a failed try. */
    const redrivesOf = itemInputs.map((): number[] => []);
    const abortedAt: (number | undefined)[] = itemInputs.map(() => undefined);
    const planChild = (index: number, startMs: number): ExecutionPlan => {
      const ids = this.req.childExecution?.(mapRunArn, index) ?? { arn: `${mapRunArn}:child-${index}`, name: `child-${index}`, stateMachineArn: this.req.stateMachineArn };
      const times = redrivesOf[index];
      return planExecution({
        ...this.req,
        definition: childDefinition,
        input: itemInputs[index],
        startMs,
        seed: seeds[index],
        executionArn: ids.arn,
        stateMachineArn: ids.stateMachineArn,
        name: ids.name,
        mapRunArnOfParent: mapRunArn,
        redriveAt: times.length > 0 ? (n) => times[n - 1] : undefined,
        abortAt: times.length > 0 ? abortedAt[index] : undefined,
      });
    };
    const plan: MapRunPlan = {
      mapRunArn,
      executionArn: this.req.executionArn,
      stateMachineArn: this.req.childExecution?.(mapRunArn, 0).stateMachineArn ?? this.req.stateMachineArn,
      startMs: runStarted.t,
      stopMs: runStarted.t,
      status: "SUCCEEDED",
      maxConcurrency,
      toleratedFailurePercentage: tolerance.percentage ?? 0,
      toleratedFailureCount: tolerance.count ?? 0,
      itemCount: itemInputs.length,
      children: [],
      definition: JSON.stringify(childDefinition),
    };
    this.mapRuns.push(plan);
    // One try: the children still to run start as slots free up; a redriven child goes on under its ARN.
    let byIndex: (ExecutionPlan | undefined)[] = itemInputs.map(() => undefined);
    const runTry = (opened: Draft): StepEnd => {
      const slots = new Array<number>(Math.max(1, Math.min(maxConcurrency, itemInputs.length || 1))).fill(opened.t + 200 + this.gap());
      const startedThisTry = new Map<number, number>();
      const next = byIndex.map((before, index) => {
        // Succeeded, or aborted again after a redrive (this planner redrives a first attempt only).
        if (before?.status === "SUCCEEDED" || (before?.status === "ABORTED" && before.redrives)) return before;
        const slot = slots.indexOf(Math.min(...slots));
        const at = slots[slot];
        startedThisTry.set(index, at);
        let child: ExecutionPlan;
        if (!before) child = planChild(index, at);
        else {
          if (before.status === "ABORTED" && !before.redrives) abortedAt[index] = before.stopMs;
          redrivesOf[index].push(at);
          child = planChild(index, before.startMs);
        }
        slots[slot] = child.stopMs + this.gap();
        return child;
      });
      const triedNow = next.filter((_, i) => startedThisTry.has(i)) as ExecutionPlan[];
      const found = breachOf(next.filter((c): c is ExecutionPlan => c !== undefined), itemInputs.length, tolerance);
      const breach = found === undefined ? undefined : Math.max(found, opened.t);
      const ok = breach === undefined;
      const endMs = (ok ? Math.max(opened.t, ...triedNow.map((c) => c.stopMs)) : breach) + 300 + this.gap();
      // Once the threshold is exceeded the map run fails: no further child starts (a child not
      // reached stays as the previous try left it), and the ones still running are stopped with it.
      byIndex = next.map((child, index) => {
        const at = startedThisTry.get(index);
        if (at === undefined || ok) return child;
        if (at > breach!) {
          if (redrivesOf[index].length > 0) redrivesOf[index].pop();
          return byIndex[index];
        }
        return child!.stopMs > endMs ? cutPlan(child!, { atMs: endMs, kind: "ABORTED" }) : child;
      });
      plan.children = byIndex.filter((c): c is ExecutionPlan => c !== undefined);
      plan.stopMs = endMs;
      plan.status = ok ? "SUCCEEDED" : "FAILED";
      plan.tries = [...(plan.tries ?? []), { startMs: opened.t, stopMs: endMs, status: plan.status }];
      if (!ok) {
        const error = "States.ExceedToleratedFailureThreshold";
        const cause = "The specified tolerated failure threshold was exceeded";
        const runFailed = this.rec.emit(endMs, "MapRunFailed", opened, "mapRunFailedEventDetails", { error, cause });
        const failed = this.rec.emit(runFailed.t + this.gap(), "MapStateFailed", runFailed);
        return { ...flow.fail(error, cause, failed.t, failed), resume };
      }
      const runSucceeded = this.rec.emit(endMs, "MapRunSucceeded", opened);
      const succeeded = this.rec.emit(runSucceeded.t + this.gap(), "MapStateSucceeded", runSucceeded);
      const outputs = plan.children.map((c) => (c.output !== undefined ? (JSON.parse(c.output) as Json) : null));
      return flow.succeed(outputs, succeeded.t + this.gap(), succeeded, 0);
    };
    const resume: Resume = (redriven, redriveCount) =>
      runTry(this.rec.emit(redriven.t + this.gap(), "MapRunRedriven", redriven, "mapRunRedrivenEventDetails", { mapRunArn, redriveCount }));
    return runTry(runStarted);
  }
}

/**
 * When a map run's failures exceed its tolerance: the stop of the child whose failure (or time-out)
 * was one too many, or undefined if they never do. Without any threshold, one failure is too many.
 */
/** A Map's item processor, `ItemProcessor` or the legacy `Iterator`, as the one ASL walk finds it. */
function processorOf(state: AslState): AslMachine {
  const processor = nestedScopes(state).find((scope) => scope.kind === "processor");
  if (!processor) throw new StatesError("States.Runtime", "The Map state has no ItemProcessor (or Iterator).");
  return processor.scope as unknown as AslMachine;
}

export function breachOf(children: readonly ExecutionPlan[], itemCount: number, tolerance: { percentage?: number; count?: number }): number | undefined {
  const failures = children.filter((c) => c.status === "FAILED" || c.status === "TIMED_OUT").map((c) => c.stopMs).sort((a, b) => a - b);
  // The rule the map-run panel shows (lib/postmortem), so the demo never fails a run the page calls within its threshold.
  const index = failures.findIndex((_, i) => toleranceExceededBy(i + 1, itemCount, tolerance) !== undefined);
  return index < 0 ? undefined : failures[index];
}

/** Fields evaluated after a Task ran (Output, Assign, a Catch): their failure comes after its events. */
function failingAt<T>(atMs: number, after: Draft, evaluate: () => T): T {
  try {
    return evaluate();
  } catch (err) {
    if (err instanceof QueryEvaluationError) err.when = { atMs, after };
    throw err;
  }
}

/**
 * At the quota, as the service ends such an execution: events 1–24,999 stay, and event 25,000,
 * which would have been anything but ExecutionSucceeded, is ExecutionFailed instead.
 */
function capHistory(events: PlannedEvent[], detailed: boolean): PlannedEvent[] {
  const kept = events.slice(0, HISTORY_EVENT_LIMIT - 1);
  const last = kept[kept.length - 1];
  const closing: PlannedEvent = {
    id: HISTORY_EVENT_LIMIT,
    previousEventId: last.id,
    type: "ExecutionFailed",
    timestampMs: events[HISTORY_EVENT_LIMIT - 1].timestampMs,
  };
  if (detailed) {
    closing.detailsKey = "executionFailedEventDetails";
    closing.details = { error: HISTORY_LIMIT_ERROR, cause: HISTORY_LIMIT_CAUSE };
  }
  return [...kept, closing];
}

function isRedrivable(at: NonNullable<StepEnd["failedAt"]>): boolean {
  return REDRIVABLE_TYPES.has(at.type) || at.resume !== undefined;
}

function errorDetails(error: string, cause: string | undefined): Record<string, unknown> {
  return cause === undefined ? { error } : { error, cause };
}

/** `arn:aws:states:::lambda:invoke` → lambda / invoke, as TaskScheduled reports it. */
export function parseResource(arn: string): { resourceType: string; resource: string } {
  // SDK integrations name the service in the type: aws-sdk:s3 / listObjectsV2.
  const sdk = /^arn:aws:states:::aws-sdk:([^:]+):(.+)$/.exec(arn);
  if (sdk) return { resourceType: `aws-sdk:${sdk[1]}`, resource: sdk[2] };
  const match = /^arn:aws:states:::([^:]+):(.+)$/.exec(arn);
  if (match) return { resourceType: match[1], resource: match[2] };
  return { resourceType: "lambda", resource: arn };
}

type TaskEnding =
  | { kind: "succeed"; t: number; result: Json }
  | { kind: "fail" | "timeout"; t: number; error: string; cause?: string };

/** Decide how an attempt ends, applying TimeoutSeconds and HeartbeatSeconds to the worker's answer. */
function taskEnding(outcome: TaskOutcome, state: AslState, startedMs: number): TaskEnding {
  const timeoutAt = state.TimeoutSeconds !== undefined ? startedMs + state.TimeoutSeconds * 1000 : Infinity;
  if (outcome.kind === "silent") {
    const heartbeatAt = state.HeartbeatSeconds !== undefined ? startedMs + state.HeartbeatSeconds * 1000 : Infinity;
    if (heartbeatAt < timeoutAt) return { kind: "timeout", t: heartbeatAt, error: "States.HeartbeatTimeout" };
    // Without any timeout a silent worker would hang for a year; the machines always set one.
    return { kind: "timeout", t: Number.isFinite(timeoutAt) ? timeoutAt : startedMs + 365 * 86_400_000, error: "States.Timeout" };
  }
  const endAt = startedMs + outcome.durationMs;
  if (endAt > timeoutAt) return { kind: "timeout", t: timeoutAt, error: "States.Timeout" };
  if (outcome.kind === "succeed") return { kind: "succeed", t: endAt, result: outcome.result };
  return { kind: "fail", t: endAt, error: outcome.error, cause: outcome.cause };
}

/** What SNS/SQS answer when the task token is handed over (TaskSubmitted output). */
function submitReceipt(rng: Rng): Json {
  return {
    MessageId: rng.uuid(),
    SdkHttpMetadata: { HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: rng.uuid() },
  };
}
