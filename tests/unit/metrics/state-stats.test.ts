import { describe, expect, it } from "vitest";
import { stateStats } from "@/lib/metrics/state-stats";
import { model, run } from "./helpers";

describe("stateStats", () => {
  const models = [
    model("SUCCEEDED", [run("Validate", "succeeded", { durationMs: 10 }), run("Charge", "succeeded", { attempts: 3, error: "Lambda.TooManyRequestsException", durationMs: 900 })]),
    model("FAILED", [run("Validate", "succeeded", { durationMs: 30 }), run("Charge", "failed", { attempts: 2, error: "PaymentDeclined", durationMs: 300 })]),
    model("SUCCEEDED", [
      run("Validate", "succeeded", { durationMs: 20 }),
      run("Charge", "caught", { error: "PaymentDeclined", durationMs: 100 }),
      run("Refund", "succeeded", { durationMs: 50 }),
    ]),
  ];

  it("counts failures, caught errors and retries per state", () => {
    const byName = Object.fromEntries(stateStats(models).map((s) => [s.name, s]));
    expect(byName.Charge).toMatchObject({ executions: 3, entries: 3, failures: 1, caught: 1, retries: 3 });
    expect(byName.Validate).toMatchObject({ executions: 3, failures: 0, retries: 0, p50: 20, p90: 30 });
    expect(byName.Refund).toMatchObject({ executions: 1, entries: 1 });
  });

  it("lists top errors by how often they happened, retried attempts included", () => {
    const charge = stateStats(models).find((s) => s.name === "Charge")!;
    expect(charge.topErrors).toEqual([
      { error: "PaymentDeclined", count: 3 },
      { error: "Lambda.TooManyRequestsException", count: 2 },
    ]);
  });

  it("follows the definition's order and lists states never entered", () => {
    const names = stateStats(models, { stateOrder: ["Validate", "Charge", "Notify", "Refund"] }).map((s) => s.name);
    expect(names).toEqual(["Validate", "Charge", "Notify", "Refund"]);
    const notify = stateStats(models, { stateOrder: ["Notify"] })[0];
    expect(notify).toMatchObject({ name: "Notify", executions: 0, entries: 0, p50: null, topErrors: [] });
  });

  it("counts a state entered many times in one execution (Map iterations) once per execution", () => {
    const iterations = model("SUCCEEDED", [0, 1, 2].map((i) => run("Resize", "succeeded", { path: `Each/iteration ${i}/Resize`, durationMs: 10 * (i + 1) })));
    expect(stateStats([iterations])[0]).toMatchObject({ executions: 1, entries: 3, p50: 20, p90: 30 });
  });

  it("has nothing to say about no histories", () => {
    expect(stateStats([])).toEqual([]);
  });
});
