/**
 * How much work the fleet index may do. Defaults keep one refresh of one machine to a handful
 * of Step Functions calls; see the README's "Cost on a real account" for what they cost.
 */
export interface FleetLimits {
  /** How far back executions are kept (the widest window the pages offer). */
  horizonMs: number;
  /** Executions kept per state machine; the oldest go first. */
  maxExecutionsPerMachine: number;
  /**
   * Executions kept over the whole fleet (about 400 bytes each): with many machines, each keeps
   * its share, at least `minExecutionsPerMachine`.
   */
  maxIndexedExecutions: number;
  minExecutionsPerMachine: number;
  /** ListExecutions pages (new ones and back-fill together) one refresh of one machine may read. */
  maxListPagesPerRefresh: number;
  /** ListExecutions page size. */
  pageSize: number;
  /** ListExecutions(statusFilter=RUNNING) pages one refresh may read. */
  maxRunningPages: number;
  /** DescribeExecution calls one refresh may make for executions that stopped running. */
  maxDescribesPerRefresh: number;
  /** A machine is refreshed at most this often, however many viewers poll. */
  minRefreshMs: number;
  /**
   * ListExecutions calls per second the fleet may spend on routine refreshes (the default quota
   * refills 5 a second, shared with every other tool): with hundreds of machines, each one is
   * then refreshed less often instead of the account being throttled.
   */
  listCallsPerSecond: number;
  /** Histories sampled per machine for per-state stats and the grid: the newest finished ones (failures are all read, see failureReadsPerSecond). */
  sampleFinished: number;
  /** GetExecutionHistory syncs running at once. */
  historyConcurrency: number;
  /**
   * Failed executions' histories read per second for error groups (each once: a finished
   * execution never changes). The default quota refills 20 a second, shared with the pages.
   */
  failureReadsPerSecond: number;
}

export const DEFAULT_FLEET_LIMITS: FleetLimits = {
  horizonMs: 7 * 24 * 3_600_000,
  maxExecutionsPerMachine: 50_000,
  maxIndexedExecutions: 500_000,
  minExecutionsPerMachine: 2_000,
  maxListPagesPerRefresh: 5,
  pageSize: 1000,
  maxRunningPages: 2,
  maxDescribesPerRefresh: 25,
  minRefreshMs: 5_000,
  listCallsPerSecond: 2,
  sampleFinished: 40,
  historyConcurrency: 4,
  failureReadsPerSecond: 5,
};

/** A routine refresh reads the newest page and, when something is running, one page of RUNNING ones. */
const LIST_CALLS_PER_ROUTINE_REFRESH = 2;

/** The refresh interval of one machine when `machineCount` machines share the ListExecutions budget. */
export function refreshIntervalFor(machineCount: number, limits: FleetLimits): number {
  const perMachine = (Math.max(1, machineCount) * LIST_CALLS_PER_ROUTINE_REFRESH * 1000) / Math.max(0.1, limits.listCallsPerSecond);
  return Math.max(limits.minRefreshMs, Math.round(perMachine));
}

/** How many executions one machine may keep when `machineCount` machines share the fleet's budget. */
export function executionCapFor(machineCount: number, limits: FleetLimits): number {
  const share = Math.floor(limits.maxIndexedExecutions / Math.max(1, machineCount));
  return Math.max(limits.minExecutionsPerMachine, Math.min(limits.maxExecutionsPerMachine, share));
}

/**
 * How often one machine is listed. While events flow, listing is only a reconciliation pass
 * (`reconcileMs`), but only for a machine whose listing is whole: a machine with stretches still
 * to be read (a walk cut off by a throttle or the page budget, or the listing before its events
 * started) keeps the routine interval, because events never bring back what was started before.
 */
export function listingIntervalFor(routineMs: number, reconcileMs: number | undefined, hasGaps: boolean): number {
  if (reconcileMs === undefined || hasGaps) return routineMs;
  return Math.max(routineMs, reconcileMs);
}
