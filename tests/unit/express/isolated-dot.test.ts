import { describe, expect, it } from "vitest";
import { isIsolated } from "@/components/metrics/isolated-dot";

describe("points a line chart would not draw", () => {
  it("are those without a neighbour on either side", () => {
    const values = [null, 5, null, null, 3, 4, null, 0];
    expect(values.map((_, i) => isIsolated(values, i))).toEqual([false, true, false, false, false, false, false, true]);
  });
});
