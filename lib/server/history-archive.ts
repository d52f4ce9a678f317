/**
 * Finished histories kept in the store (brotli-compressed), so a restarted process opens an
 * execution it read before without asking Step Functions. lib/sfn's history sync asks this
 * before its first GetExecutionHistory call and hands it every history that finished.
 */
import "./server-only";
import type { HistoryEvent } from "@/lib/history/events";
import type { HistoryArchive } from "@/lib/sfn/context";
import type { Store } from "@/lib/store";

export interface StoreHistoryArchive extends HistoryArchive {
  /** Resolves when every history handed over so far is written (tests, and before the store closes). */
  flush(): Promise<void>;
}

export function storeHistoryArchive(store: Store, now: () => number): StoreHistoryArchive {
  const writing = new Set<Promise<void>>();
  return {
    get: (executionArn) => store.history<HistoryEvent>(executionArn),
    put(executionArn, events) {
      const write = store
        .putHistory(executionArn, machineArnOf(executionArn), events, now())
        .catch((error: unknown) => {
          // Not kept: the next run reads it from Step Functions again, nothing worse.
          console.error(`[stepscope] could not keep the history of ${executionArn} in the store: ${(error as Error).message}`);
        })
        .finally(() => writing.delete(write));
      writing.add(write);
    },
    async flush() {
      await Promise.all(writing);
    },
  };
}

/**
 * The state machine of an execution ARN (…:execution:machine:name, …:execution:machine/label:id
 * for a distributed Map's child, or …:express:machine:name:id): the column lets a machine's histories be found without a join.
 */
export function machineArnOf(executionArn: string): string {
  const parts = executionArn.split(":");
  if (parts.length < 8 || (parts[5] !== "execution" && parts[5] !== "express")) return executionArn;
  return [...parts.slice(0, 5), "stateMachine", parts[6].split("/")[0]].join(":");
}
