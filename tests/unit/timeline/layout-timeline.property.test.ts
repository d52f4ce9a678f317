import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { layoutTimeline } from "@/lib/timeline";
import type { StateRun } from "@/lib/history/model";
import { attempt, group, model, run } from "./literal-models";

/** A sequence of top-level Tasks with random retries, then a Map with random iterations. */
const execution = fc
  .record({
    tasks: fc.array(fc.array(fc.record({ run: fc.integer({ min: 0, max: 5_000 }), wait: fc.integer({ min: 0, max: 5_000 }) }), { minLength: 1, maxLength: 4 }), { maxLength: 6 }),
    iterations: fc.array(fc.record({ offset: fc.integer({ min: 0, max: 1_000 }), length: fc.integer({ min: 0, max: 10_000 }), failed: fc.boolean() }), { maxLength: 30 }),
  })
  .map(({ tasks, iterations }) => {
    const runs: StateRun[] = [];
    let t = 0;
    tasks.forEach((attempts, i) => {
      const enteredAt = t;
      const list = attempts.map((a, index) => {
        if (index > 0) t += a.wait;
        const scheduled = t;
        t += a.run;
        return attempt(index, scheduled, t, index === attempts.length - 1 ? "succeeded" : "failed");
      });
      runs.push(run({ path: `Task${i}`, type: "Task", enteredAt, exitedAt: t, attempts: list }));
    });
    const mapStart = t;
    const groups = iterations.map((it, i) => group(`Each/iteration ${i}`, i, mapStart + it.offset, mapStart + it.offset + it.length, [`Each/iteration ${i}/Work`], it.failed ? "failed" : "succeeded"));
    const mapEnd = Math.max(mapStart, ...groups.map((g) => g.endedAt as number));
    runs.push(run({ path: "Each", type: "Map", enteredAt: mapStart, exitedAt: mapEnd, iterations: groups }));
    iterations.forEach((it, i) => runs.push(run({ path: `Each/iteration ${i}/Work`, parentPath: "Each", iteration: i, status: it.failed ? "failed" : "succeeded", enteredAt: mapStart + it.offset, exitedAt: mapStart + it.offset + it.length })));
    return { m: model(runs, { startedAt: 0, stoppedAt: mapEnd }), tasks, iterations };
  });

describe("layoutTimeline properties", () => {
  it("gives every attempt a segment, a wait between consecutive attempts, and keeps segments in order", () => {
    fc.assert(
      fc.property(execution, ({ m, tasks }) => {
        const rows = layoutTimeline(m, { expanded: new Set(["Each"]) }).rows;
        tasks.forEach((attempts, i) => {
          const segments = rows.find((r) => r.key === `Task${i}`)?.segments ?? [];
          expect(segments.filter((s) => s.kind === "attempt")).toHaveLength(attempts.length);
          const waits = attempts.slice(1).filter((a) => a.wait > 0).length;
          expect(segments.filter((s) => s.kind === "wait")).toHaveLength(waits);
          for (let k = 1; k < segments.length; k++) expect(segments[k].start).toBeGreaterThanOrEqual(segments[k - 1].end);
        });
      }),
    );
  });

  it("summarises the Map consistently with its iterations", () => {
    fc.assert(
      fc.property(execution, ({ m, iterations }) => {
        const layout = layoutTimeline(m, { expanded: new Set(["Each"]) });
        const summary = layout.rows.find((r) => r.kind === "map-summary")?.mapSummary;
        expect(summary?.iterationCount).toBe(iterations.length);
        expect(summary?.failedCount).toBe(iterations.filter((it) => it.failed).length);
        const lengths = iterations.map((it) => it.length);
        expect(summary?.maxMs).toBe(lengths.length ? Math.max(...lengths) : undefined);
        if (summary?.p50Ms !== undefined) expect(lengths).toContain(summary.p50Ms);
        expect(layout.rows.filter((r) => r.kind === "iteration")).toHaveLength(iterations.length);
      }),
    );
  });

  it("keeps every segment inside a zoom range", () => {
    fc.assert(
      fc.property(execution, fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 20_000 }), ({ m }, from, length) => {
        const layout = layoutTimeline(m, { expanded: new Set(["Each"]), range: { from, to: from + length } });
        for (const row of layout.rows) {
          for (const s of row.segments) {
            expect(s.start).toBeGreaterThanOrEqual(from);
            expect(s.end).toBeLessThanOrEqual(from + length);
            expect(s.start).toBeLessThanOrEqual(s.end);
          }
        }
      }),
    );
  });

  it("puts the run that ended last on the critical path", () => {
    fc.assert(
      fc.property(execution, ({ m }) => {
        const top = m.runs.filter((r) => r.parentPath === undefined);
        if (top.length === 0) return;
        const last = top.reduce((a, b) => ((b.exitedAt as number) >= (a.exitedAt as number) ? b : a));
        expect(layoutTimeline(m, { expanded: new Set() }).criticalPath.has(last.path)).toBe(true);
      }),
    );
  });
});
