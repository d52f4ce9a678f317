/**
 * The fold's private working state. It is kept beside the public model (see `fold.ts`) so that
 * `applyEvents` can continue where the last fold stopped instead of starting again.
 *
 * Public objects (runs, attempts, groups, arrays) are copy-on-write: an object the current batch
 * did not create is copied before its first change, so a model already handed out (to React,
 * say) never changes under its holder.
 */
import type { HistoryEvent } from "./events";
import type { Attempt, ChildGroup, ExecutionModel, ExecutionStatus, Payload, Redrive, StateRun } from "./model";

/** The top level of the execution, a Parallel branch or a Map iteration. */
export interface Scope {
  tag: "scope";
  kind: "top" | "branch" | "iteration";
  /** What run paths inside start with: "" or `Fan/branch 0/`. */
  prefix: string;
  parent?: RunMeta;
  index: number;
  /** Position of its ChildGroup in the parent's `branches` / `iterations`. */
  position: number;
  /**
   * Entries per state name so far, for `#2` suffixes: made only once the scope holds many runs
   * (see `entryNumber`); most scopes are an iteration of a few states.
   */
  counts?: Map<string, number>;
  runs: RunMeta[];
  /** How many of `runs` are still open. */
  openCount: number;
}

export interface RunMeta {
  tag: "run";
  run: StateRun;
  /** Position in `runs`. */
  position: number;
  scope: Scope;
  closed: boolean;
  /** Set while the run's latest attempt (or evaluation, or Map/Parallel) has failed. */
  failure?: "failed" | "timed_out";
  branches?: Scope[];
  iterations?: Map<number, Scope>;
  /** Parallel only: what a StateEntered linked to ParallelStateStarted resolves to. */
  branchStart?: BranchStart;
  /** Map/Parallel: the run inside that its *StateFailed event points at. */
  failedBy?: RunMeta;
  /** Map/Parallel: the first run directly inside that ended failed. */
  firstFailedChild?: RunMeta;
  /** Neighbours in the list of open runs (see `addOpen`). */
  prevOpen?: RunMeta;
  nextOpen?: RunMeta;
}

/** ParallelStateStarted: each state entered right after it opens a new branch. */
export interface BranchStart {
  tag: "branchStart";
  run: RunMeta;
}

/** What an event id resolves to, for events that name it as `previousEventId`. */
export type Owner = RunMeta | Scope | BranchStart;

export interface ExecutionFacts {
  status: ExecutionStatus;
  startedAt?: number;
  stoppedAt?: number;
  input?: Payload;
  output?: Payload;
  error?: string;
  cause?: string;
  failedRunPath?: string;
  redrives: Redrive[];
  unknownEvents: HistoryEvent[];
  sawStart: boolean;
  hasExecutionData: boolean;
  hitEventLimit: boolean;
  gaps: Array<[number, number]>;
  /** Items that were not events at all (no numeric id or no type). */
  unreadable: number;
  /** Events whose contents could not be made sense of. */
  unusable: number;
  /** How many Parallel branches were numbered from the definition, and how many by arrival. */
  branchesFromDefinition: number;
  branchesByArrival: number;
  /** Id of the terminal Execution* event, while no redrive has followed it. */
  terminalEventId?: number;
  /** Events that arrived after the terminal event (some engines keep writing). */
  afterEnd: number[];
}

/** What the fold may know besides the events. */
export interface FoldOptions {
  /**
   * For each state directly inside a Parallel branch, that branch's index in the definition
   * (see `branchIndexOf` in lib/asl/walk). Without it branches are numbered in the order their
   * first events arrive, which is not stable from one execution to the next.
   */
  branchIndex?: ReadonlyMap<string, number>;
  /**
   * States that end their scope when they exit (End: true, Succeed, Fail). A Parallel branch
   * has no events of its own; with this, a branch whose last state has exited is finished while
   * its siblings still run, instead of showing as running until the whole Parallel ends.
   */
  endsScope?: ReadonlySet<string>;
}

export interface FoldState {
  options: FoldOptions;
  /** Accepted events in id order: what a refold starts from. */
  events: HistoryEvent[];
  records: EventIndex;
  top: Scope;
  metas: RunMeta[];
  runs: StateRun[];
  /** The open runs, in entry order (see `addOpen`). */
  firstOpen?: RunMeta;
  lastOpen?: RunMeta;
  exec: ExecutionFacts;
  lastId: number;
  lastTs: number;
  lastFailed?: RunMeta;
  /** Objects created or copied by the batch under way: free to change. */
  owned: Set<object>;
  /** No model has been handed out yet, so every object is free to change (a first fold). */
  allOwned: boolean;
  head?: ExecutionModel;
  lastApply?: { model: ExecutionModel; events: unknown; result: ExecutionModel };
}

/**
 * Owners by event id. Ids normally run 1, 2, 3…, so a plain array serves them faster than a Map
 * (this lookup runs for every event); ids far beyond the array go to a Map instead of making
 * the array sparse. A plain record and functions rather than a class: a class's fields are
 * added one by one, the hidden-class churn that the note above `newFoldState` describes.
 */
export interface EventIndex {
  dense: Array<Owner | undefined>;
  sparse: Map<number, Owner> | undefined;
}

export function ownerOf(index: EventIndex, id: number): Owner | undefined {
  const owner = id < index.dense.length ? index.dense[id] : undefined;
  return owner !== undefined || index.sparse === undefined ? owner : index.sparse.get(id);
}

/** Room at once for `count` events with ids up to `maxId`, when they are about as dense as usual. */
export function reserveOwners(index: EventIndex, maxId: number, count: number): void {
  if (index.dense.length === 0 && maxId <= count + 1024) index.dense = new Array<Owner | undefined>(maxId + 1).fill(undefined);
}

export function setOwner(index: EventIndex, id: number, owner: Owner): void {
  const dense = index.dense;
  if (id <= dense.length + 1024) {
    while (dense.length < id) dense.push(undefined);
    dense[id] = owner;
  } else {
    (index.sparse ??= new Map()).set(id, owner);
  }
}

/**
 * Most runs never get an attempt or an unknown event: they share these frozen empty arrays (a
 * 25,000-event fold would otherwise allocate some 20,000 empty arrays). A run gets its own
 * array on its first entry.
 */
export const NO_ATTEMPTS: Attempt[] = Object.freeze([]) as unknown as Attempt[];
export const NO_UNKNOWN_EVENTS: HistoryEvent[] = Object.freeze([]) as unknown as HistoryEvent[];

export function newScope(kind: Scope["kind"], prefix: string, index: number, position: number, parent?: RunMeta): Scope {
  return { tag: "scope", kind, prefix, parent, index, position, counts: undefined, runs: [], openCount: 0 };
}

/*
 * The fold's objects are made with every field they will ever have, even those still
 * undefined. An object that gains a field later moves to a new hidden class, and V8 keeps such
 * classes only while an object has them: once a model is dropped and collected, the next fold
 * would find the code optimised for them thrown away and optimise it again, event after event.
 */

export function newFoldState(options: FoldOptions = {}): FoldState {
  return {
    options,
    events: [],
    records: { dense: [], sparse: undefined },
    top: newScope("top", "", -1, -1),
    metas: [],
    runs: [],
    firstOpen: undefined,
    lastOpen: undefined,
    exec: {
      status: "UNKNOWN",
      startedAt: undefined,
      stoppedAt: undefined,
      input: undefined,
      output: undefined,
      error: undefined,
      cause: undefined,
      failedRunPath: undefined,
      redrives: [],
      unknownEvents: [],
      sawStart: false,
      hasExecutionData: true,
      hitEventLimit: false,
      gaps: [],
      unreadable: 0,
      unusable: 0,
      branchesFromDefinition: 0,
      branchesByArrival: 0,
      terminalEventId: undefined,
      afterEnd: [],
    },
    lastId: 0,
    lastTs: 0,
    lastFailed: undefined,
    owned: new Set(),
    allOwned: true,
    head: undefined,
    lastApply: undefined,
  };
}

export function isOwned(st: FoldState, o: object): boolean {
  return st.allOwned || st.owned.has(o);
}

/** Marks an object as created by the batch under way. */
export function own(st: FoldState, o: object): void {
  if (!st.allOwned) st.owned.add(o);
}

export function runOf(owner: Owner | undefined): RunMeta | undefined {
  if (!owner) return undefined;
  if (owner.tag === "run") return owner;
  if (owner.tag === "branchStart") return owner.run;
  return owner.parent;
}

/**
 * `list` with `item` at the end. An array grown by push reserves 16 more slots, yet most lists
 * of a run (its event ids, its attempts, an iteration's runs) end with a handful of items: short
 * lists are copied at their exact size instead, which keeps the model of a large history about
 * a fifth smaller. The caller stores the result; `list` itself must be writable (owned).
 */
export function appended<T>(list: T[], item: T): T[] {
  const n = list.length;
  if (n >= SHORT_LIST) {
    list.push(item);
    return list;
  }
  const copy = new Array<T>(n + 1);
  for (let i = 0; i < n; i++) copy[i] = list[i];
  copy[n] = item;
  return copy;
}

const SHORT_LIST = 8;

/** Records that event `id` belongs to the run; the run, writable. */
export function addEventId(st: FoldState, meta: RunMeta, id: number): StateRun {
  const r = writableRun(st, meta);
  r.eventIds = appended(r.eventIds, id);
  return r;
}

export function writableRuns(st: FoldState): StateRun[] {
  if (!isOwned(st, st.runs)) {
    st.runs = st.runs.slice();
    own(st, st.runs);
  }
  return st.runs;
}

export function writableRun(st: FoldState, meta: RunMeta): StateRun {
  let r = meta.run;
  if (isOwned(st, r)) return r;
  r = {
    ...r,
    attempts: r.attempts === NO_ATTEMPTS ? NO_ATTEMPTS : r.attempts.slice(),
    eventIds: r.eventIds.slice(),
    unknownEvents: r.unknownEvents === NO_UNKNOWN_EVENTS ? NO_UNKNOWN_EVENTS : r.unknownEvents.slice(),
  };
  if (r.branches) r.branches = r.branches.slice();
  if (r.iterations) r.iterations = r.iterations.slice();
  st.owned.add(r);
  meta.run = r;
  writableRuns(st)[meta.position] = r;
  return r;
}

export function writableAttempt(st: FoldState, meta: RunMeta, index: number): Attempt {
  const r = writableRun(st, meta);
  let a = r.attempts[index];
  if (!isOwned(st, a)) {
    a = { ...a, eventIds: a.eventIds.slice() };
    own(st, a);
    r.attempts[index] = a;
  }
  return a;
}

export function writableGroup(st: FoldState, scope: Scope): ChildGroup | undefined {
  if (!scope.parent) return undefined;
  const r = writableRun(st, scope.parent);
  const list = scope.kind === "branch" ? r.branches : r.iterations;
  if (!list) return undefined;
  let g = list[scope.position];
  if (!isOwned(st, g)) {
    g = { ...g, runPaths: g.runPaths.slice() };
    own(st, g);
    list[scope.position] = g;
  }
  return g;
}

/** Copy-on-write for the execution-level arrays. */
export function writableList<T>(st: FoldState, list: T[]): T[] {
  if (isOwned(st, list)) return list;
  const copy = list.slice();
  own(st, copy);
  return copy;
}

/**
 * Whether a run is of state type `type` (any type when undefined) and named `name` (any name
 * when undefined). Lookups take these two instead of a predicate: they run for nearly every
 * event, and a closure per event is garbage the fold need not make.
 */
export function isRunOf(m: RunMeta, type: string | undefined, name: string | undefined): boolean {
  return (type === undefined || m.run.type === type) && (name === undefined || m.run.name === name);
}

/** The nearest open run of that type and name, starting at `from` and going outwards. */
export function enclosingOpen(from: RunMeta | undefined, type: string | undefined, name: string | undefined): RunMeta | undefined {
  for (let m = from; m; m = m.scope.parent) if (!m.closed && isRunOf(m, type, name)) return m;
  return undefined;
}

/** An open run of that type and name: the latest entered, or the earliest with `earliest`. */
export function openRun(st: FoldState, type: string | undefined, name: string | undefined, earliest = false): RunMeta | undefined {
  if (earliest) {
    for (let m = st.firstOpen; m; m = m.nextOpen) if (isRunOf(m, type, name)) return m;
  } else {
    for (let m = st.lastOpen; m; m = m.prevOpen) if (isRunOf(m, type, name)) return m;
  }
  return undefined;
}

/**
 * The open runs are a list threaded through the runs themselves, in entry order: entering and
 * closing a run (once each per run) then allocates nothing, where a Set rebuilt its table as it
 * grew and shrank.
 */
export function addOpen(st: FoldState, m: RunMeta): void {
  m.prevOpen = st.lastOpen;
  m.nextOpen = undefined;
  if (st.lastOpen) st.lastOpen.nextOpen = m;
  else st.firstOpen = m;
  st.lastOpen = m;
}

export function removeOpen(st: FoldState, m: RunMeta): void {
  const { prevOpen, nextOpen } = m;
  if (prevOpen) prevOpen.nextOpen = nextOpen;
  else st.firstOpen = nextOpen;
  if (nextOpen) nextOpen.prevOpen = prevOpen;
  else st.lastOpen = prevOpen;
  m.prevOpen = m.nextOpen = undefined;
}

/** The open runs, in entry order, as a list that closing them does not disturb. */
export function openRuns(st: FoldState): RunMeta[] {
  const list: RunMeta[] = [];
  for (let m = st.firstOpen; m; m = m.nextOpen) list.push(m);
  return list;
}

export function isInside(inner: RunMeta, outer: RunMeta): boolean {
  for (let m = inner.scope.parent; m; m = m.scope.parent) if (m === outer) return true;
  return false;
}
