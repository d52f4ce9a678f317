/**
 * What the timeline's tooltip says about a segment, in words: start, end and duration of what
 * actually happened (not of the part a zoom left visible), and which duration it is — an
 * attempt's, a back-off's, or the state's own from entered to exited.
 */
import { formatClock } from "@/lib/format/time";
import { formatDuration } from "@/lib/format/duration";
import type { TimelineSegment } from "./types";

export interface SegmentFact {
  name: string;
  value: string;
}

const DURATION_NAME: Record<TimelineSegment["kind"], string> = {
  run: "state duration",
  attempt: "attempt duration",
  wait: "back-off",
  group: "branch duration",
  try: "duration of this try",
};

export function segmentFacts(segment: TimelineSegment, origin: number): SegmentFact[] {
  const { start, end } = segment.actual ?? segment;
  const at = (t: number) => `${formatClock(t)} UTC (+${formatDuration(t - origin)})`;
  const facts: SegmentFact[] = [
    { name: "start", value: at(start) },
    { name: "end", value: segment.open ? "—" : at(end) },
    { name: DURATION_NAME[segment.kind], value: `${formatDuration(end - start)}${segment.open ? " so far" : ""}` },
  ];
  const state = segment.state;
  if (state && segment.kind !== "run") {
    facts.push({
      name: "state duration",
      value: state.exitedAt === undefined ? "still running" : `${formatDuration(state.exitedAt - state.enteredAt)} (entered → exited)`,
    });
  }
  return facts;
}
