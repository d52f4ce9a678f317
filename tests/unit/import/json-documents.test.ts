import { describe, expect, it } from "vitest";
import { parseJsonDocuments } from "@/lib/import";

describe("parseJsonDocuments", () => {
  it("reads one document", () => {
    expect(parseJsonDocuments('{ "events": [] }')).toEqual({ ok: true, documents: [{ events: [] }] });
  });

  it("reads documents appended one after the other (pages saved to one file)", () => {
    const result = parseJsonDocuments('{ "events": [1] }\n{ "events": [2] }\n');
    expect(result).toEqual({ ok: true, documents: [{ events: [1] }, { events: [2] }] });
  });

  it("says where a missing comma is, by line and column", () => {
    const result = parseJsonDocuments('{\n  "events": [\n    { "id": 1 }\n    { "id": 2 }\n  ]\n}');
    expect(result).toEqual({ ok: false, message: "Not JSON: unexpected `{` where `,` or `]` was expected at line 4, column 5." });
  });

  it("says the text ends too early, at its end", () => {
    const result = parseJsonDocuments('{ "events": [');
    expect(result).toEqual({ ok: false, message: "Not JSON: the text ends where a value was expected at line 1, column 14." });
  });

  it("points at an unquoted property name", () => {
    expect(parseJsonDocuments("{ events: [] }")).toEqual({
      ok: false,
      message: "Not JSON: unexpected `e` where a property name in double quotes was expected at line 1, column 3.",
    });
  });

  it("calls an empty file empty", () => {
    expect(parseJsonDocuments("  \n")).toEqual({ ok: false, message: "The file is empty." });
  });
});
