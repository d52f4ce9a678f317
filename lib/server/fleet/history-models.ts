/**
 * Folded, slimmed models of sampled executions, per ARN. A finished execution's model is kept
 * and never refetched while its listed status stays the same (a redrive changes the status, and
 * only then is the history read again). Fetches go through the shared history cache.
 */
import type { ExecutionSummary } from "@/lib/contract/api";
import { foldHistory } from "@/lib/history";
import type { ExecutionModel } from "@/lib/history/model";
import type { SfnContext } from "@/lib/sfn/context";
import { getSyncedHistory } from "@/lib/sfn/history-sync";
import { slimModel } from "./slim-model";
import pMap from "p-map";

interface Kept {
  status: string;
  model: ExecutionModel;
}

export class HistoryModels {
  private readonly kept = new Map<string, Kept>();
  private readonly maxKept: number;
  /** GetExecutionHistory syncs started by this cache (cache hits of the shared history cache included). */
  fetched = 0;

  constructor(maxKept = 2_000) {
    this.maxKept = maxKept;
  }

  /** Models for the executions, in the same order; one that cannot be read is left out. */
  async modelsFor(ctx: SfnContext, executions: readonly ExecutionSummary[], concurrency: number): Promise<{ execution: ExecutionSummary; model: ExecutionModel }[]> {
    const out = await pMap(
      executions,
      async (execution) => {
        const model = await this.modelFor(ctx, execution).catch(() => undefined);
        return model && { execution, model };
      },
      { concurrency: Math.max(1, concurrency) },
    );
    return out.filter((x): x is { execution: ExecutionSummary; model: ExecutionModel } => x !== undefined);
  }

  private async modelFor(ctx: SfnContext, execution: ExecutionSummary): Promise<ExecutionModel> {
    const hit = this.kept.get(execution.arn);
    if (hit && hit.status === execution.status) return hit.model;
    this.fetched++;
    const history = await getSyncedHistory(ctx, execution.arn);
    const model = slimModel(foldHistory(history.events));
    this.kept.delete(execution.arn);
    this.kept.set(execution.arn, { status: execution.status, model });
    // Oldest inserted first out: samples move forward in time.
    while (this.kept.size > this.maxKept) {
      const oldest = this.kept.keys().next().value;
      if (oldest === undefined) break;
      this.kept.delete(oldest);
    }
    return model;
  }
}
