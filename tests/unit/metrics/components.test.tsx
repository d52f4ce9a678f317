import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BucketTooltip } from "@/components/metrics/BucketTooltip";
import { DurationHistogram } from "@/components/metrics/DurationHistogram";
import { DurationPercentilesChart } from "@/components/metrics/DurationPercentilesChart";
import { ErrorGroupsTable } from "@/components/metrics/ErrorGroupsTable";
import { ErrorRateChart } from "@/components/metrics/ErrorRateChart";
import { ExecutionsByStatusChart } from "@/components/metrics/ExecutionsByStatusChart";
import { OUTCOME_LOOKS, STATUS_COLORS } from "@/components/metrics/palette";
import { Sparkline } from "@/components/metrics/Sparkline";
import { StateExecutionGrid } from "@/components/metrics/StateExecutionGrid";
import { bucketExecutions } from "@/lib/metrics/buckets";
import { groupErrors } from "@/lib/metrics/error-groups";
import { durationHistogram } from "@/lib/metrics/histogram";
import { buildStateExecutionGrid } from "@/lib/metrics/state-execution-grid";
import { execution, model, MINUTE, NOW, run } from "./helpers";

describe("Sparkline", () => {
  it("draws one bar per bucket and says what it shows", () => {
    const html = renderToStaticMarkup(<Sparkline values={[0, 2, 0, 5]} />);
    expect(html.match(/<rect/g)).toHaveLength(4);
    expect(html).toContain("7 errors in the window, at most 5 in one bucket");
    expect(html).toContain(STATUS_COLORS.failed);
  });

  it("draws a flat baseline for no errors and survives no buckets", () => {
    expect(renderToStaticMarkup(<Sparkline values={[0, 0]} />)).toContain("0 errors in the window");
    expect(renderToStaticMarkup(<Sparkline values={[]} />)).toContain("<svg");
  });
});

describe("StateExecutionGrid", () => {
  const grid = buildStateExecutionGrid(
    [
      { execution: { ...execution("SUCCEEDED", NOW - 2 * MINUTE, 100), name: "order-41" }, model: model("SUCCEEDED", [run("Charge", "succeeded", { attempts: 2 })]) },
      { execution: { ...execution("FAILED", NOW - MINUTE, 100), name: "order-42" }, model: model("FAILED", [run("Charge", "failed", { error: "PaymentDeclined" })]) },
    ],
    { stateNames: ["Charge", "Ship"] },
  );

  it("shows a square with a symbol per state and execution, each a link to that execution at that state, with a hover title", () => {
    const html = renderToStaticMarkup(<StateExecutionGrid grid={grid} cellHref={(arn, state) => `/executions/${encodeURIComponent(arn)}?state=${state}`} />);
    expect(html.match(/<a href="\/executions\/[^"]+\?state=(Charge|Ship)"/g)).toHaveLength(4);
    expect(html).not.toContain("<button");
    expect(html).toContain('data-outcome="failed"');
    expect(html).toContain('data-outcome="retried"');
    expect(html).toContain(OUTCOME_LOOKS.failed.symbol);
    expect(html).toContain("order-42 · 2026-11-25 14:06:30 UTC · Charge: Failed · PaymentDeclined");
    expect(html).toContain("Ship: Not reached");
  });

  it("shows state names as text, never as markup", () => {
    const hostile = buildStateExecutionGrid([{ execution: execution("SUCCEEDED", NOW, 1), model: model("SUCCEEDED", [run("<img src=x onerror=alert(1)>", "succeeded")]) }]);
    const html = renderToStaticMarkup(<StateExecutionGrid grid={hostile} />);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img");
  });

  it("says so when there is nothing to show", () => {
    expect(renderToStaticMarkup(<StateExecutionGrid grid={{ columns: [], rows: [] }} />)).toContain("No executions");
  });
});

describe("ErrorGroupsTable", () => {
  it("lists each group with its count, cause and links to example executions", () => {
    const groups = groupErrors(
      [
        { executionArn: "arn:aws:states:us-east-1:123456789012:execution:orders:order-7", executionName: "order-7", at: NOW - 5 * MINUTE, state: "Charge", error: "PaymentDeclined", cause: "Card 4242 declined" },
        { executionArn: "arn:aws:states:us-east-1:123456789012:execution:orders:order-9", executionName: "order-9", at: NOW - MINUTE, state: "Charge", error: "PaymentDeclined", cause: "Card 1881 declined" },
      ],
      "1h",
      NOW,
    );
    const html = renderToStaticMarkup(<ErrorGroupsTable groups={groups} now={NOW} executionHref={(arn) => `/executions/${encodeURIComponent(arn)}`} />);
    expect(html).toContain("Card &lt;n&gt; declined");
    expect(html).toContain(">2<");
    expect(html).toContain(">order-9</a>");
    expect(html.indexOf("order-9")).toBeLessThan(html.indexOf("order-7"));
    expect(html).toContain("1m ago");
    expect(html).toContain(`href="/executions/${encodeURIComponent("arn:aws:states:us-east-1:123456789012:execution:orders:order-9")}"`);
  });

  it("says so when nothing failed", () => {
    expect(renderToStaticMarkup(<ErrorGroupsTable groups={[]} now={NOW} executionHref={() => "#"} />)).toContain("No failures");
  });
});

describe("charts with a fixed width", () => {
  const executions = [execution("SUCCEEDED", NOW - 30 * MINUTE, 1_000), execution("FAILED", NOW - 10 * MINUTE, 3_000)];
  const { buckets } = bucketExecutions(executions, "1h", NOW);

  // recharts 3 draws its SVG after mounting, so the server renders the sized frame only;
  // what the charts draw is checked in the browser.
  it("render their sized frame on the server, with or without data", () => {
    for (const element of [
      <ExecutionsByStatusChart key="a" buckets={buckets} width={600} onSelectBucket={() => {}} />,
      <ErrorRateChart key="b" buckets={buckets} width={600} />,
      <DurationPercentilesChart key="c" buckets={buckets} width={600} />,
      <DurationHistogram key="d" bins={durationHistogram([1_000, 3_000])} width={600} />,
      <ExecutionsByStatusChart key="e" buckets={[]} width={600} />,
      <DurationHistogram key="f" bins={[]} width={600} />,
    ]) {
      const html = renderToStaticMarkup(element);
      expect(html).toContain("recharts-wrapper");
      expect(html).toContain("width:600px");
    }
  });
});

describe("BucketTooltip", () => {
  it("shows the bucket's range, its total and only the statuses that occurred", () => {
    const row = { from: Date.UTC(2026, 10, 25, 14, 12), to: Date.UTC(2026, 10, 25, 14, 13) - 1, SUCCEEDED: 22, FAILED: 4, RUNNING: 0 };
    const html = renderToStaticMarkup(<BucketTooltip active payload={[{ payload: row }]} clickable />);
    expect(html).toContain("2026-11-25 14:12–14:13 UTC");
    expect(html).toContain("26 executions started");
    expect(html).toContain("Failed");
    expect(html).not.toContain("Running");
    expect(html).toContain("Click to list these executions");
    expect(renderToStaticMarkup(<BucketTooltip active={false} payload={[{ payload: row }]} clickable />)).toBe("");
  });
});
