import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { JsonView } from "@/components/json/JsonView";
import { JsonDiff } from "@/components/diff/JsonDiff";
import { EventsTable } from "@/components/events/EventsTable";
import { JSON_VIEW_COLLAPSE_CHARS, JSON_VIEW_RAW_CHARS, jsonViewSizeGate } from "@/components/json/json-view-size-gate";

const attack = "<img src=x onerror=alert(1)>";
const escaped = "&lt;img src=x onerror=alert(1)&gt;";

describe("JsonView (server-rendered)", () => {
  it("shows an HTML-looking value as text", () => {
    const html = renderToStaticMarkup(<JsonView text={JSON.stringify({ note: attack })} label="Output" />);
    expect(html).toContain(escaped);
    expect(html).not.toContain("<img");
  });

  it("shows the top two levels open and deeper ones collapsed with their size", () => {
    const html = renderToStaticMarkup(<JsonView text={JSON.stringify({ order: { lines: [{ sku: "a" }, { sku: "b" }], total: 12 } })} />);
    expect(html).toContain("&quot;order&quot;");
    expect(html).toContain("&quot;total&quot;");
    expect(html).toContain("[ 2 items ]");
    expect(html).not.toContain("&quot;sku&quot;");
  });

  it("pages a big array and cuts a long string", () => {
    const html = renderToStaticMarkup(<JsonView text={JSON.stringify({ items: Array.from({ length: 250 }, (_, i) => i), text: "y".repeat(2_000) })} />);
    expect(html).toContain("show 100 more (150 not shown)");
    expect(html).toContain("show all (2,000 chars)");
    expect(html).not.toContain("y".repeat(501));
  });

  it("shows non-JSON text raw and says so", () => {
    const html = renderToStaticMarkup(<JsonView text={`oops ${attack}`} />);
    expect(html).toContain("Not JSON");
    expect(html).toContain(escaped);
  });

  it("offers to open a string that holds JSON (an event's input, a Lambda cause)", () => {
    const html = renderToStaticMarkup(<JsonView text={JSON.stringify({ input: '{"a":1}', name: "plain" })} />);
    expect(html.match(/view as JSON/g)).toHaveLength(1);
  });

  it("says when a payload was truncated", () => {
    expect(renderToStaticMarkup(<JsonView text='{"a":' truncated />)).toContain("truncated");
  });

  it("shows a payload above the gate as text, with a way to render the tree", () => {
    const huge = JSON.stringify({ blob: "z".repeat(JSON_VIEW_RAW_CHARS), note: attack });
    const html = renderToStaticMarkup(<JsonView text={huge} />);
    expect(html).toContain("render tree anyway");
    expect(html).toContain("<pre");
    expect(html).toContain(escaped);
  });
});

describe("jsonViewSizeGate", () => {
  it("renders small payloads as a tree, big ones collapsed, huge ones as text", () => {
    expect(jsonViewSizeGate(1_000)).toBe("tree");
    expect(jsonViewSizeGate(JSON_VIEW_COLLAPSE_CHARS + 1)).toBe("collapsed-tree");
    expect(jsonViewSizeGate(JSON_VIEW_RAW_CHARS + 1)).toBe("raw");
  });
});

describe("JsonDiff (server-rendered)", () => {
  it("groups changes and shows values, HTML-looking ones escaped", () => {
    const html = renderToStaticMarkup(<JsonDiff before={JSON.stringify({ a: 1, gone: true })} after={JSON.stringify({ a: 2, note: attack })} />);
    expect(html).toContain("Added (1)");
    expect(html).toContain("Removed (1)");
    expect(html).toContain("Changed (1)");
    expect(html).toContain("$.note");
    expect(html).toContain("1 → 2");
    expect(html).toContain(escaped);
    expect(html).not.toContain("<img");
  });

  it("says when nothing changed", () => {
    expect(renderToStaticMarkup(<JsonDiff before='{"a":1}' after='{"a":1}' />)).toContain("No change");
  });
});

describe("EventsTable (server-rendered)", () => {
  it("renders rows with names and details as text", () => {
    const events = [
      { id: 1, type: "ExecutionStarted", timestamp: 1_700_000_000_000, executionStartedEventDetails: { input: "{}" } },
      { id: 2, type: "TaskStateEntered", timestamp: 1_700_000_001_000, stateEnteredEventDetails: { name: attack, input: "{}" } },
    ];
    const html = renderToStaticMarkup(<EventsTable events={events} />);
    expect(html).toContain("2 events");
    expect(html).toContain("TaskStateEntered");
    expect(html).toContain("+1.000 s");
    expect(html.match(/aria-expanded="false"/g)).toHaveLength(2);
    expect(html).toContain(escaped);
    expect(html).not.toContain("<img");
  });
});
