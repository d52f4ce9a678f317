/**
 * The opt-in payload index: for machines matching STEPSCOPE_INDEX_PAYLOADS, one
 * DescribeExecution per execution (and one more when an execution read while running stops)
 * puts its input and output into the store, where search finds them. Only the lease holder
 * reads, a bounded batch per round, through the shared limiter like every other call, so it
 * takes a fixed share of the DescribeExecution quota and never starves the pages.
 * Payloads are redacted (STEPSCOPE_REDACT_PATHS) before they are stored.
 */
import "./server-only";
import { parseMachineGlobs } from "@/lib/search";
import { describeExecution, type SfnContext } from "@/lib/sfn";
import { executionsAwaitingPayloads, putPayloads, type PayloadRecord, type PayloadScanPosition, type Store } from "@/lib/store";

/** DescribeExecution calls per round (the fleet loop runs a round every 2 s): at most 5 a second, a third of its default 15/s. */
export const PAYLOAD_READS_PER_ROUND = 10;

export interface PayloadIndexRound {
  read: number;
  failed: number;
}

export class PayloadIndexer {
  /** In memory only: a restart walks the writes once from the start, skipping what is already indexed. */
  private position: PayloadScanPosition = { updatedAt: -1, arn: "" };
  private readonly matches;

  constructor(
    private readonly store: Store,
    globs: string,
    private readonly readsPerRound = PAYLOAD_READS_PER_ROUND,
  ) {
    this.matches = parseMachineGlobs(globs);
  }

  async round(ctx: SfnContext): Promise<PayloadIndexRound> {
    const machines = (await this.store.stateMachines()).filter((m) => this.matches(m.name)).map((m) => m.arn);
    const { executions, position } = await executionsAwaitingPayloads(this.store, machines, this.position, this.readsPerRound);
    const records: PayloadRecord[] = [];
    let failed = 0;
    for (const e of executions) {
      try {
        const d = await describeExecution(ctx, e.arn);
        records.push({ executionArn: e.arn, machineArn: e.stateMachineArn, startedAt: e.startedAt, input: d.input, output: d.output, finished: d.status !== "RUNNING" });
      } catch (error) {
        failed++;
        if (failed === 1) console.error(`[stepscope] payload indexing could not describe ${e.arn}: ${(error as Error).message}`);
      }
    }
    await putPayloads(this.store, records, ctx.now());
    // A failed read (throttled, say) leaves the position where it was, so the next round retries it.
    if (failed === 0) this.position = position;
    return { read: records.length, failed };
  }
}
