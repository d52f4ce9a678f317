/**
 * Pages for an execution or a state machine are drawn in the browser, but their HTTP status is
 * the server's to give: an unknown one answers 404 (crawlers, link checkers and curl see it),
 * while the page still explains what is wrong. Only a definite "does not exist" (or a segment
 * that cannot be such an ARN) is a 404; throttling or an endpoint that is down leaves the status
 * alone, and the page says what happened when its own request fails.
 */
import { notFound } from "next/navigation";
import { describeExecution, describeStateMachine, toSfnError } from "@/lib/sfn";
import { scopeForArn } from "@/lib/server/sources/resolve-scope";
import { parseArnSegment } from "@/app/api/_lib/params";

/** `source` is the page's `?source=` (needed only when two sources serve the ARN's account and Region). */
export async function answer404WhenMissing(kind: "execution" | "stateMachine", segment: string, source?: string): Promise<void> {
  let arn: string;
  try {
    arn = parseArnSegment(segment, kind);
  } catch {
    notFound();
  }
  // Express executions have no DescribeExecution: their page finds them another way.
  if (kind === "execution" && arn.includes(":express:")) return;
  let missing = false;
  try {
    // No source serves the ARN's account and Region: missing too; an ambiguous one is the page's to explain.
    const { ctx } = await scopeForArn(arn, source);
    if (kind === "execution") await describeExecution(ctx, arn);
    else await describeStateMachine(ctx, arn);
  } catch (err) {
    missing = toSfnError(err, { operation: kind === "execution" ? "DescribeExecution" : "DescribeStateMachine", endpointLabel: "" }).code === "NOT_FOUND";
  }
  if (missing) notFound();
}
