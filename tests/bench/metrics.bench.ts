/**
 * Metrics and error groups over synthetic executions: buckets, the machine summary, the
 * duration histogram and error groups (`computeMachineMetrics`), as one refresh of a state
 * machine page computes them. About 7% of executions fail, each with a unique cause.
 */
import type { ExecutionSummary } from "@/lib/contract/api";
import type { FailureRecord } from "@/lib/metrics/error-groups";
import { computeMachineMetrics } from "@/lib/metrics/machine-metrics";
import { figure, medianMs, type Figure } from "./figure";
import { Rng } from "@/mocks/sim/random";

const NOW = Date.UTC(2026, 10, 25, 14, 0, 0);
const DAY = 86_400_000;


const CAUSES = [
  (r: () => number) => `Order ${Math.floor(r() * 1e6)} not found (Service: AmazonDynamoDBv2; Status Code: 400; Request ID: ${hex(r, 32)})`,
  (r: () => number) => `{"errorMessage":"Payment ${uuid(r)} declined at ${new Date(NOW - Math.floor(r() * DAY)).toISOString()}","errorType":"PaymentDeclined","stackTrace":["at charge (/var/task/index.js:${Math.floor(r() * 300)}:7)"]}`,
  (r: () => number) => `User alice${Math.floor(r() * 100)}@example.com exceeded quota on arn:aws:states:us-east-1:123456789012:stateMachine:orders`,
  () => "Task timed out after 30.00 seconds",
];
const STATES = ["Validate", "Charge", "Ship", "Notify"];
const ERRORS = ["DynamoDB.ConditionalCheckFailedException", "PaymentDeclined", "QuotaExceeded", "States.Timeout"];

function hex(r: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += "0123456789abcdef"[Math.floor(r() * 16)];
  return s;
}

function uuid(r: () => number): string {
  const h = hex(r, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface Synthetic {
  executions: ExecutionSummary[];
  failures: FailureRecord[];
}

/** n executions over the last 24 h: ~90% succeeded, ~6% failed, 1% timed out, 1% aborted, 2% running. */
function synthesise(n: number, seed: number): Synthetic {
  const rng = new Rng(seed);
  const r = () => rng.next();
  const executions: ExecutionSummary[] = [];
  const failures: FailureRecord[] = [];
  for (let i = 0; i < n; i++) {
    const startedAt = NOW - Math.floor(r() * DAY);
    const roll = r();
    const status = roll < 0.02 ? "RUNNING" : roll < 0.08 ? "FAILED" : roll < 0.09 ? "TIMED_OUT" : roll < 0.1 ? "ABORTED" : "SUCCEEDED";
    const durationMs = Math.floor(Math.exp(r() * 12));
    const arn = `arn:aws:states:us-east-1:123456789012:execution:orders:exec-${i}`;
    const execution: ExecutionSummary = {
      arn,
      name: `exec-${i}`,
      stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:orders",
      status,
      startedAt,
      stoppedAt: status === "RUNNING" ? undefined : startedAt + durationMs,
    };
    executions.push(execution);
    if (status === "FAILED" || status === "TIMED_OUT") {
      const kind = Math.floor(r() * CAUSES.length);
      failures.push({ executionArn: arn, executionName: execution.name, at: startedAt + durationMs, state: STATES[kind], error: ERRORS[kind], cause: CAUSES[kind](r) });
    }
  }
  return { executions, failures };
}

function refresh(data: Synthetic): void {
  computeMachineMetrics(data.executions, data.failures, "24h", NOW);
}

export async function figures(): Promise<Figure[]> {
  const sizes = [10_000, 100_000, 1_000_000];
  const times = new Map<number, number>();
  for (const n of sizes) {
    const data = synthesise(n, 7);
    // More runs for the small sizes: their medians are short and easily disturbed by a busy machine.
    const runs = n >= 1_000_000 ? 3 : n >= 100_000 ? 11 : 21;
    times.set(n, medianMs(() => refresh(data), runs, n >= 1_000_000 ? 1 : 3));
  }
  const base = times.get(10_000)!;
  return [
    figure("metrics + error groups, 100k executions", times.get(100_000)!, "ms", null, "≤ 50 ms"),
    figure("metrics + error groups growth 10k → 100k", times.get(100_000)!, "ratio", base, "report (linear ≈ 10)"),
    figure("metrics + error groups growth 10k → 1M", times.get(1_000_000)!, "ratio", base, "report (linear ≈ 100)"),
  ];
}
