export { layoutTimeline } from "./layout-timeline";
export { criticalPath } from "./critical-path";
export { timeTicks, niceStep, formatOffset, MIN_TICK_SPACING_PX } from "./time-ticks";
export type { TimeTick, TimeTicks } from "./time-ticks";
export { summariseIterations, summariseChildren, nearestRank } from "./map-summary";
export { executionSpan, openEndTime, latestKnownTime } from "./execution-span";
export type * from "./types";
export { segmentFacts, type SegmentFact } from "./segment-facts";
