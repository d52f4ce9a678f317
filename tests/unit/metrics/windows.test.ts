import { describe, expect, it } from "vitest";
import { bucketEnd, bucketIndexOf, bucketSizeFor, bucketStart, parseWindow, resolveWindow, WINDOW_PRESETS, type WindowPreset } from "@/lib/metrics/windows";
import { NOW } from "./helpers";

describe("windows", () => {
  it.each(Object.keys(WINDOW_PRESETS) as WindowPreset[])("%s is exactly the span ending now, in 30–61 round buckets", (preset) => {
    const w = resolveWindow(preset, NOW);
    // "24 h" is the 24 hours ending now: not a minute more, and nothing in the future.
    expect(w.to).toBe(NOW);
    expect(w.from).toBe(NOW - WINDOW_PRESETS[preset]);
    expect(w.bucketCount).toBeGreaterThanOrEqual(30);
    expect(w.bucketCount).toBeLessThanOrEqual(61);
    expect(w.gridFrom % w.bucketMs).toBe(0);
    expect(bucketIndexOf(w, NOW)).toBe(w.bucketCount - 1);
    expect(bucketIndexOf(w, w.from)).toBe(0);
    expect(bucketIndexOf(w, w.from - 1)).toBe(-1);
    expect(bucketIndexOf(w, NOW + 1)).toBe(-1);
    // Buckets tile the window: each starts one ms after the previous ends, first and last cut at its edges.
    expect(bucketStart(w, 0)).toBe(w.from);
    expect(bucketEnd(w, w.bucketCount - 1)).toBe(NOW);
    for (let k = 1; k < w.bucketCount; k++) {
      expect(bucketStart(w, k)).toBe(bucketEnd(w, k - 1) + 1);
      expect(bucketStart(w, k) % w.bucketMs).toBe(0);
    }
  });

  it("uses 15-second buckets for 15 minutes, minutes for an hour, half hours for a day, 3 hours for a week", () => {
    expect(resolveWindow("1h", NOW).bucketMs).toBe(60_000);
    expect(resolveWindow("24h", NOW).bucketMs).toBe(30 * 60_000);
    expect(resolveWindow("15m", NOW).bucketMs).toBe(15_000);
    expect(resolveWindow("7d", NOW).bucketMs).toBe(3 * 3_600_000);
  });

  it("sizes custom windows to at most 60 buckets, whatever their length", () => {
    for (const span of [5_000, 90_000, 3 * 3_600_000, 30 * 86_400_000, 400 * 86_400_000]) {
      const w = resolveWindow({ from: NOW - span, to: NOW }, NOW);
      expect(w.label).toBe("custom");
      expect(span / bucketSizeFor(span)).toBeLessThanOrEqual(60);
      expect(w.from).toBe(NOW - span);
      expect(w.to).toBe(NOW);
    }
  });

  it("repairs a reversed or empty custom range instead of failing", () => {
    const reversed = resolveWindow({ from: NOW, to: NOW - 3_600_000 }, NOW);
    expect(reversed.to - reversed.from).toBeGreaterThanOrEqual(3_600_000);
    const empty = resolveWindow({ from: NOW, to: NOW }, NOW);
    expect(empty.bucketCount).toBeGreaterThan(0);
    const nonsense = resolveWindow({ from: Number.NaN, to: 5 }, NOW);
    expect(nonsense.label).toBe("1h");
  });

  it("reads windows from the URL and explains bad ones", () => {
    expect(parseWindow({})).toEqual({ ok: true, spec: "24h" });
    expect(parseWindow({ window: "7d" })).toEqual({ ok: true, spec: "7d" });
    expect(parseWindow({ from: "2026-11-25T10:00:00Z", to: "1795608000000" })).toEqual({
      ok: true,
      spec: { from: Date.UTC(2026, 10, 25, 10), to: 1795608000000 },
    });
    const unknown = parseWindow({ window: "2w" });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.message).toMatch(/15m, 1h, 24h, 7d/);
    const halfCustom = parseWindow({ from: "2026-11-25T10:00:00Z" });
    expect(halfCustom.ok).toBe(false);
    const backwards = parseWindow({ from: "2026-11-25T10:00:00Z", to: "2026-11-25T09:00:00Z" });
    expect(backwards).toEqual({ ok: false, message: "'to' must be after 'from'." });
    const notADate = parseWindow({ from: "yesterday", to: "2026-11-25T09:00:00Z" });
    expect(notADate.ok).toBe(false);
    if (!notADate.ok) expect(notADate.message).toContain("yesterday");
  });
});
