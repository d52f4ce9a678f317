/**
 * Generated executions for search tests and the search bench: many machines, a realistic mix
 * of statuses, errors and causes over 30 days, and payloads with customer ids for the machines
 * whose payloads are indexed. Seeded, so a run is reproducible; the oracle filters the same
 * array in memory.
 */
import type { ExecutionStatusName } from "@/lib/contract/api";
import { putPayloads, type PayloadRecord, type Store, type StoredExecution } from "@/lib/store";

export const CORPUS_T0 = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
const ERRORS = ["States.Timeout", "States.TaskFailed", "Lambda.ServiceException", "PaymentDeclined", "States.Runtime"];
const CAUSES = ["connection reset by peer", "card expired", "Task timed out after 30.00 seconds", "upstream returned 503", "invalid JSON path $.order.id"];

export interface CorpusMachine {
  arn: string;
  name: string;
}

export interface Corpus {
  machines: CorpusMachine[];
  executions: StoredExecution[];
  payloads: PayloadRecord[];
}

/** Mulberry32: small, fast and good enough for spreading test data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function machineNames(count: number): string[] {
  const kinds = ["order", "etl", "billing", "email", "report"];
  return Array.from({ length: count }, (_, i) => `${kinds[i % kinds.length]}-${String(Math.floor(i / kinds.length)).padStart(2, "0")}`);
}

/**
 * `count` executions over `machineCount` machines; payloads for `payloadEvery`-th execution of
 * order-* machines. Started evenly over 30 days from CORPUS_T0, ARNs unique.
 */
export function generateCorpus(count: number, machineCount = 40, seed = 7, payloadEvery = 10): Corpus {
  const random = rng(seed);
  const machines = machineNames(machineCount).map((name) => ({ name, arn: `arn:aws:states:us-east-1:123456789012:stateMachine:${name}` }));
  const executions: StoredExecution[] = [];
  const payloads: PayloadRecord[] = [];
  const span = 30 * DAY;
  for (let i = 0; i < count; i++) {
    const m = machines[Math.floor(random() * machines.length)];
    // Distinct start times (30 days hold 2.5 million milliseconds apart): ties are tested on their own.
    const startedAt = CORPUS_T0 + Math.floor(i * (span / count));
    const r = random();
    const status: ExecutionStatusName = r < 0.85 ? "SUCCEEDED" : r < 0.95 ? "FAILED" : r < 0.97 ? "TIMED_OUT" : r < 0.98 ? "ABORTED" : "RUNNING";
    const name = `${m.name.split("-")[0]}-${i.toString(36).padStart(5, "0")}`;
    const e: StoredExecution = { arn: `${m.arn.replace(":stateMachine:", ":execution:")}:${name}`, name, stateMachineArn: m.arn, status, startedAt };
    if (status !== "RUNNING") e.stoppedAt = startedAt + 1000 + Math.floor(random() * 60_000);
    if (status === "FAILED" || status === "TIMED_OUT") {
      const k = Math.floor(random() * ERRORS.length);
      e.error = status === "TIMED_OUT" ? "States.Timeout" : ERRORS[k];
      e.cause = `${CAUSES[k]} (attempt ${1 + Math.floor(random() * 3)})`;
    }
    executions.push(e);
    if (m.name.startsWith("order-") && i % payloadEvery === 0) {
      const customer = `c-${Math.floor(random() * 5000)}`;
      payloads.push({
        executionArn: e.arn,
        machineArn: m.arn,
        startedAt,
        input: JSON.stringify({ customer: { id: customer, tier: random() < 0.1 ? "gold" : "standard" }, items: [{ sku: `sku-${i % 97}`, qty: 1 + (i % 3) }] }),
        output: status === "SUCCEEDED" ? JSON.stringify({ total: (i % 500) + 0.5, receipt: `r-${i}` }) : undefined,
        finished: status !== "RUNNING",
      });
    }
  }
  return { machines, executions, payloads };
}

/** Writes the corpus: machines, executions grouped by machine in big transactions, payloads. */
export async function loadCorpus(store: Store, corpus: Corpus, now = CORPUS_T0 + 31 * DAY): Promise<void> {
  await store.putStateMachines(corpus.machines.map((m) => ({ arn: m.arn, name: m.name, type: "STANDARD" as const, createdAt: CORPUS_T0 - DAY })), now);
  const byMachine = new Map<string, StoredExecution[]>();
  for (const e of corpus.executions) {
    const list = byMachine.get(e.stateMachineArn) ?? [];
    list.push(e);
    byMachine.set(e.stateMachineArn, list);
  }
  for (const [machine, list] of byMachine) {
    for (let i = 0; i < list.length; i += 20_000) await store.putListing(machine, list.slice(i, i + 20_000), undefined, now);
  }
  for (let i = 0; i < corpus.payloads.length; i += 2_000) await putPayloads(store, corpus.payloads.slice(i, i + 2_000), now);
}

/** Newest first, ties by ARN descending: the order search answers in. */
export function newestFirst(a: StoredExecution, b: StoredExecution): number {
  return b.startedAt - a.startedAt || (a.arn < b.arn ? 1 : a.arn > b.arn ? -1 : 0);
}
