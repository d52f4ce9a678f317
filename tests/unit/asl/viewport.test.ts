import { describe, expect, it } from "vitest";
import { MAX_ZOOM, MIN_ZOOM, fitTransform, initialTransform, zoomAt } from "@/components/graph/viewport";

describe("graph viewport", () => {
  it("fits a big graph inside the view, centred", () => {
    const t = fitTransform({ width: 800, height: 600 }, { width: 1600, height: 600 });
    expect(t.k).toBeCloseTo((800 - 48) / 1600);
    expect(t.x).toBeCloseTo((800 - 1600 * t.k) / 2);
    expect(t.y + 600 * t.k).toBeLessThanOrEqual(600);
  });

  it("never enlarges a small graph past 1:1", () => {
    expect(fitTransform({ width: 800, height: 600 }, { width: 100, height: 100 }).k).toBe(1);
  });

  it("opens a huge graph at a readable size, at the top", () => {
    const t = initialTransform({ width: 800, height: 600 }, { width: 900, height: 50_000 });
    expect(t.k).toBeGreaterThanOrEqual(0.6);
    expect(t.y).toBe(24);
  });

  it("zooms around the pointer and within limits", () => {
    const t = zoomAt({ x: 0, y: 0, k: 1 }, 2, 100, 50);
    // The graph point under the pointer stays under it.
    expect((100 - t.x) / t.k).toBeCloseTo(100);
    expect((50 - t.y) / t.k).toBeCloseTo(50);
    expect(zoomAt({ x: 0, y: 0, k: 1 }, 1000, 0, 0).k).toBe(MAX_ZOOM);
    expect(zoomAt({ x: 0, y: 0, k: 1 }, 0.00001, 0, 0).k).toBe(MIN_ZOOM);
  });
});
