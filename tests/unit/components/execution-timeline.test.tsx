import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { ExecutionTimeline } from "@/components/timeline/ExecutionTimeline";
import { attempt, group, model, run } from "../timeline/literal-models";

const durations = [100, 300, 200, 400];
const execution = model(
  [
    run({
      path: "Charge",
      name: "Charge <b>card</b>",
      type: "Task",
      status: "caught",
      enteredAt: 0,
      exitedAt: 700,
      attempts: [attempt(0, 0, 100, "failed"), attempt(1, 300, 700, "failed")],
    }),
    run({
      path: "Each",
      type: "Map",
      enteredAt: 700,
      exitedAt: 1_100,
      iterations: durations.map((d, i) => group(`Each/iteration ${i}`, i, 700, 700 + d, [`Each/iteration ${i}/Resize`], i === 2 ? "failed" : "succeeded")),
    }),
    ...durations.map((d, i) => run({ path: `Each/iteration ${i}/Resize`, parentPath: "Each", iteration: i, enteredAt: 700, exitedAt: 700 + d })),
  ],
  { startedAt: 0, stoppedAt: 1_100, status: "FAILED" },
);

describe("ExecutionTimeline (server-rendered)", () => {
  const html = renderToStaticMarkup(<ExecutionTimeline model={execution} now={5_000} onSelect={() => {}} />);

  it("lists the runs with the Map collapsed to a summary", () => {
    expect(html).toContain("Charge &lt;b&gt;card&lt;/b&gt;");
    expect(html).toContain("4 it · 1 failed · p50 200 ms · max 400 ms");
    expect(html).toContain('aria-label="Expand the iterations of Each"');
    expect(html).not.toContain("iteration 0");
  });

  it("draws the attempts apart with the back-off between them", () => {
    expect(html.match(/data-segment-kind="attempt"/g)).toHaveLength(2);
    expect(html.match(/data-segment-kind="wait"/g)).toHaveLength(1);
  });

  it("marks the critical path and labels the axis", () => {
    expect(html).toContain("on the critical path");
    expect(html).toContain(">0<");
    expect(html).toContain("Drag across the bars to zoom");
  });
});
