/**
 * The import parser turns any text into either a recognised file or a failure with a message;
 * it never throws, whatever is pasted.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importFiles, readImportFile } from "@/lib/import";

const historyLike = fc
  .array(fc.record({ id: fc.anything(), type: fc.oneof(fc.string(), fc.constantFrom("ExecutionStarted", "TaskStateEntered", "ExecutionFailed")), timestamp: fc.anything(), previousEventId: fc.anything() }, { requiredKeys: [] }), { maxLength: 20 })
  .map((events) => JSON.stringify({ events }));

const text = fc.oneof(
  fc.string(),
  fc.json(),
  historyLike,
  historyLike.map((t) => t.slice(0, Math.max(1, Math.floor(t.length / 2)))),
  fc.constantFrom("", "{", "[]", "null", '{"events":null}', '{"States":{}}', '{"stepscopeExport":1}', '{"executionArn":5}', "<html>oops</html>", "\u0000\uFFFF"),
);

describe("import parser under random input", () => {
  it("never throws; failures carry a message", () => {
    fc.assert(
      fc.property(fc.string(), text, (name, body) => {
        const file = readImportFile(name, body);
        if (file.kind === "error") expect(file.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it("matching many random files never throws", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.string(), text }), { maxLength: 6 }), (files) => {
        expect(() => importFiles(files)).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });
});
