/** The shared large fixture is what it says it is, and the model reads it right. */
import { describe, expect, it } from "vitest";
import { applyEvents, foldHistory, summariseStates } from "@/lib/history";
import { generateLargeHistory } from "../../fixtures/large-history";

describe("generateLargeHistory", () => {
  const events = generateLargeHistory({ seed: 11 });
  const model = foldHistory(events);

  it("is a ~25,000-event history with ids and links as AWS writes them", () => {
    expect(events.length).toBeGreaterThan(23_000);
    expect(events.length).toBeLessThan(25_000);
    events.forEach((e, i) => {
      expect(e.id).toBe(i + 1);
      expect(e.previousEventId ?? 0).toBeLessThan(e.id);
    });
    expect(generateLargeHistory({ seed: 11 })).toEqual(events);
    expect(generateLargeHistory({ seed: 12 })).not.toEqual(events);
  });

  it("folds into a complete model with 2,000 iterations, retries and caught failures", () => {
    expect(model.status).toBe("SUCCEEDED");
    expect(model.complete).toBe(true);
    const map = model.runs.find((r) => r.name === "ProcessEach");
    expect(map?.iterations?.length).toBe(2000);
    expect(map?.iterations?.every((g) => g.status === "succeeded" && g.runPaths.length === 3)).toBe(true);
    const resize = summariseStates(model).get("Resize");
    expect(resize?.runCount).toBe(2000);
    expect(resize?.status).toBe("caught");
    expect(resize?.caughtBy).toEqual(["HandleFailure"]);
    expect(resize?.retryCount).toBeGreaterThan(500);
    const caught = model.runs.filter((r) => r.name === "Resize" && r.status === "caught");
    expect(caught.length).toBe(summariseStates(model).get("HandleFailure")?.runCount);
    expect(model.runs.find((r) => r.name === "FetchItems")?.attempts.map((a) => a.status)).toEqual(["failed", "succeeded"]);
  });

  it("applyEvents called twice with the same arguments (React's strict mode) gives the same model", () => {
    const cut = events.length - 100;
    const before = foldHistory(events.slice(0, cut));
    const tail = events.slice(cut);
    expect(applyEvents(before, tail)).toBe(applyEvents(before, tail));
  });
});
