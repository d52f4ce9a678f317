import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StateGraph } from "@/components/graph";
import { buildStateGraph, layoutStateGraph } from "@/lib/asl";
import { edgeLabelSize } from "@/lib/asl/text-measure";

const XSS = "<img src=x onerror=alert(1)>";

const DEFINITION = JSON.stringify({
  StartAt: "Charge card",
  States: {
    "Charge card": {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handler" }],
      Next: XSS,
    },
    [XSS]: { Type: "Pass", End: true },
    Handler: { Type: "Fail", Error: "PaymentFailed" },
  },
});

describe("StateGraph (server render)", () => {
  it("shows state names and types as text", () => {
    const html = renderToStaticMarkup(<StateGraph definition={DEFINITION} />);
    expect(html).toContain("Charge card");
    expect(html).toContain("Task · lambda:invoke");
    expect(html).toContain("Handler");
    expect(html).toContain("<svg");
    expect(html).toContain('aria-label="Fit to view"');
    expect(html).toContain("Legend");
  });

  it("notes a state's query language and the variables it assigns", () => {
    const definition = {
      QueryLanguage: "JSONata",
      StartAt: "Remember",
      States: { Remember: { Type: "Pass", Assign: { orderId: "{% $states.input.id %}", total: 3 }, End: true } },
    };
    const html = renderToStaticMarkup(<StateGraph definition={definition} />);
    expect(html).toContain("Query language: JSONata");
    expect(html).toContain("Assigns: orderId, total");
    expect(html).toContain("≔2");
  });

  it("escapes a name that looks like HTML", () => {
    const html = renderToStaticMarkup(<StateGraph definition={DEFINITION} />);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("<img");
  });

  it("draws the overlay: outcome icons, retry and catch badges, the failed state emphasised", () => {
    const html = renderToStaticMarkup(
      <StateGraph
        definition={DEFINITION}
        selected="Handler"
        overlay={{
          "Charge card": { status: "caught", retries: 3, attempts: 4, caughtBy: "Handler", onPath: true, durationMs: 1500 },
          Handler: { status: "failed", onPath: true, emphasis: true },
          [XSS]: { status: "not_reached" },
        }}
      />,
    );
    expect(html).toContain("×3 retries");
    expect(html).toContain("caught → Handler");
    expect(html).toContain('data-status="failed"');
    expect(html).toContain('data-status="not_reached"');
    expect(html).toContain("1.50 s");
    expect(html).toContain('aria-pressed="true"');
    expect(html).toContain("Not reached");
    expect(html).not.toContain("<img");
  });

  it("shows per-state failure counts as badges", () => {
    const html = renderToStaticMarkup(<StateGraph definition={DEFINITION} overlay={{ "Charge card": { count: 120, failures: 7 } }} />);
    expect(html).toContain(">120<");
    expect(html).toContain("✕ 7");
  });

  it("lists the problems of a broken definition instead of a graph", () => {
    const html = renderToStaticMarkup(<StateGraph definition={'{"StartAt": "A", "States": {"A": {"Type": "Teleport"}}}'} />);
    expect(html).toContain("can&#x27;t be drawn");
    expect(html).toContain("unknown Type");
    expect(html).not.toContain("<svg");
  });

  it("draws each edge label in the box the layout kept free for it, with the measured text", () => {
    const definition = {
      StartAt: "Check",
      States: {
        Check: { Type: "Choice", Choices: [{ Variable: "$.total", NumericGreaterThan: 1000, Next: "Review" }], Default: "Ship" },
        Review: { Type: "Pass", Next: "Ship" },
        Ship: { Type: "Succeed" },
      },
    };
    const graph = buildStateGraph(definition).graph!;
    const layout = layoutStateGraph(graph);
    const html = renderToStaticMarkup(<StateGraph definition={definition} />);
    const labelled = layout.edges.filter((e) => e.label);
    expect(labelled.map((e) => e.label!.text).sort()).toEqual(["$.total > 1000", "Default"]);
    for (const e of labelled) {
      const box = e.label!;
      expect(html).toContain(`transform="translate(${box.x},${box.y})" data-edge-label="${e.id}"`);
      expect(html).toContain(`<rect width="${box.width}" height="${box.height}"`);
      expect(box.width).toBe(edgeLabelSize(box.text).width);
    }
    expect(html).toContain(">$.total &gt; 1000<");
  });
});
