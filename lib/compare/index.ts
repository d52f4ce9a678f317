/** lib/compare: two executions of one state machine → matched runs, divergence, per-state deltas. Pure. */
export { matchRuns, outcomeDiffers, type RunMatch, type RunPair } from "./match-runs";
export { firstDivergence, describePair, type Divergence } from "./divergence";
export { stateDeltas, type StateDelta } from "./state-deltas";
export { compareOverlay } from "./compare-overlay";
export { sameStateMachine, differentMachinesMessage } from "./same-machine";
