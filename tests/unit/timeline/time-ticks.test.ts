import { describe, expect, it } from "vitest";
import { formatOffset, timeTicks } from "@/lib/timeline";

const labels = (from: number, to: number, width: number, origin?: number) => timeTicks(from, to, width, origin).ticks.map((t) => t.label);

describe("timeTicks", () => {
  it("uses one-second steps across ten seconds on 800 px", () => {
    const { stepMs, ticks } = timeTicks(0, 10_000, 800);
    expect(stepMs).toBe(1_000);
    expect(ticks.map((t) => t.label)).toEqual(["0", "1 s", "2 s", "3 s", "4 s", "5 s", "6 s", "7 s", "8 s", "9 s", "10 s"]);
    expect(ticks.map((t) => t.x)).toEqual([0, 80, 160, 240, 320, 400, 480, 560, 640, 720, 800]);
  });

  it("uses millisecond steps for a short span", () => {
    expect(labels(0, 250, 400)).toEqual(["0", "50 ms", "100 ms", "150 ms", "200 ms", "250 ms"]);
  });

  it("switches to minutes and hours as the span grows", () => {
    expect(labels(0, 90_000, 400)).toEqual(["0", "30 s", "1m", "1m 30s"]);
    expect(labels(0, 6 * 3_600_000, 600)).toEqual(["0", "1 h", "2 h", "3 h", "4 h", "5 h", "6 h"]);
    expect(labels(0, 20 * 60_000, 300)).toEqual(["0", "10 min", "20 min"]);
  });

  it("labels a zoomed range as offsets from the execution's start", () => {
    const { ticks } = timeTicks(1_500, 4_500, 300, 1_000);
    expect(ticks.map((t) => [t.label, t.x])).toEqual([
      ["1 s", 50],
      ["2 s", 150],
      ["3 s", 250],
    ]);
  });

  it("gives no ticks for an empty span or width instead of looping", () => {
    expect(timeTicks(5, 5, 800).ticks).toEqual([]);
    expect(timeTicks(0, 1_000, 0).ticks).toEqual([]);
    expect(timeTicks(Number.NaN, 1_000, 100).ticks).toEqual([]);
  });

  it("formats sub-second offsets on a millisecond axis", () => {
    expect(formatOffset(1_250, 50)).toBe("1.25 s");
  });
});
