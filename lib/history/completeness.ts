import type { ExecutionFacts } from "./fold-state";

const GAPS_LISTED = 3;

/** Why the model does not show the whole execution, in words a person understands; undefined when it does. */
export function incompleteReason(x: ExecutionFacts, eventCount: number): string | undefined {
  const reasons: string[] = [];
  if (eventCount === 0) reasons.push("The history has no events yet.");
  else if (!x.sawStart) reasons.push("The history does not start at the beginning (no ExecutionStarted event): earlier events are missing.");
  if (x.gaps.length > 0) {
    const listed = x.gaps.slice(0, GAPS_LISTED).map(([from, to]) => (from === to ? `${from}` : `${from}–${to}`));
    const more = x.gaps.length > GAPS_LISTED ? ` and ${x.gaps.length - GAPS_LISTED} more gaps` : "";
    reasons.push(`Events ${listed.join(", ")}${more} are missing from the history.`);
  }
  if (x.hitEventLimit) reasons.push("The execution reached the 25,000-event history limit and Step Functions stopped it (States.Runtime).");
  if (eventCount > 0 && (x.status === "RUNNING" || x.status === "UNKNOWN")) {
    reasons.push(x.status === "RUNNING" ? "The execution is still running: more events will come." : "The history has no event saying how the execution ended.");
  }
  if (!x.hasExecutionData) reasons.push("The history was fetched without execution data: inputs and outputs are not shown.");
  const ignored = x.unreadable + x.unusable;
  if (ignored > 0) reasons.push(`${ignored} ${ignored === 1 ? "event" : "events"} could not be read and ${ignored === 1 ? "was" : "were"} left out.`);
  return reasons.length > 0 ? reasons.join(" ") : undefined;
}
