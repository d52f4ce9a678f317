/**
 * The demo account lists a week lazily: a ListExecutions page six days back costs what the
 * first page costs (each on a fresh account, so every execution on the page is planned).
 * The baseline is the first page; the ratio should stay near 1, whatever the depth.
 */
import { createDemoAccount } from "@/mocks";
import { encodeToken } from "@/mocks/account/protocol";
import { median, figure, type Figure } from "./figure";

const NOW = Date.UTC(2026, 10, 25, 18, 0, 0);
const DAY = 86_400_000;
const MACHINES = ["order-processing", "invoice-billing", "media-pipeline"];
const arn = (m: string) => `arn:aws:states:us-east-1:123456789012:stateMachine:${m}`;

function pageAt(machine: string, depthMs: number): number {
  const account = createDemoAccount({ seed: 42, clock: () => NOW });
  // A position a page would have ended at (a start time; no execution has an empty name).
  const nextToken = depthMs === 0 ? undefined : encodeToken("ListExecutions", [NOW - depthMs, ""]);
  const t0 = performance.now();
  const response = account.dispatch("AWSStepFunctions.ListExecutions", { stateMachineArn: arn(machine), maxResults: 100, nextToken });
  const ms = performance.now() - t0;
  if (response.status !== 200) throw new Error(JSON.stringify(response.body));
  return ms;
}

export async function figures(): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const machine of MACHINES) {
    // Warm up both depths, then interleave them so that a busy moment hits both alike.
    for (let i = 0; i < 2; i++) {
      pageAt(machine, 0);
      pageAt(machine, 6 * DAY);
    }
    const top: number[] = [];
    const deep: number[] = [];
    for (let i = 0; i < 7; i++) {
      top.push(pageAt(machine, 0));
      deep.push(pageAt(machine, 6 * DAY));
    }
    out.push(figure(`demo ListExecutions page 6 days back, ${machine} (100 executions, cold)`, median(deep), "ratio", median(top), "≈ 1 (a page costs a page, however far back)"));
  }
  return out;
}
