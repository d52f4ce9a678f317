import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { diffJson } from "@/lib/diff";

// JSON values as payloads carry them (no -0, no undefined: JSON text cannot hold those).
const json = fc.jsonValue({ maxDepth: 4, noUnicodeString: true }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe("diffJson properties", () => {
  it("finds no change between a payload and a re-serialisation of it", () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(diffJson(JSON.stringify(value), JSON.stringify(value, null, 2)).status).toBe("identical");
      }),
    );
  });

  it("reports a change exactly when the payloads differ, and counts what it lists", () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        const result = diffJson(JSON.stringify(a), JSON.stringify(b));
        const equal = JSON.stringify(a) === JSON.stringify(b);
        if (result.status === "identical") {
          // Key order is not a change.
          expect(equal || JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b))).toBe(true);
          return;
        }
        expect(result.status).toBe("changed");
        if (result.status !== "changed") return;
        expect(result.changes.length).toBeGreaterThan(0);
        const { added, removed, changed, moved } = result.counts;
        expect(added + removed + changed + moved).toBe(result.changes.length);
        for (const change of result.changes) expect(change.path.startsWith("$")).toBe(true);
      }),
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), fc.option(fc.string(), { nil: undefined }), (a, b) => {
        expect(() => diffJson(a, b)).not.toThrow();
      }),
    );
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
