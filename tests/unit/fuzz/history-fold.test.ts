/**
 * The fold never throws, whatever arrives: random events, garbled fields, known event types
 * with nonsense details, and real recorded histories shuffled, cut and duplicated.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEvents, foldHistory, type HistoryEvent } from "@/lib/history";

const FIXTURES = path.join(process.cwd(), "tests", "fixtures", "aws-histories");
const recorded: HistoryEvent[][] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".json"))
  .slice(0, 40)
  .map((f) => (JSON.parse(readFileSync(path.join(FIXTURES, f), "utf8")) as { events: HistoryEvent[] }).events);

const KNOWN_TYPES = [...new Set(recorded.flat().map((e) => e.type))];

const junk = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.object(), fc.array(fc.anything(), { maxLength: 3 }));

const detailsKey = fc.oneof(
  fc.constantFrom(
    "executionStartedEventDetails",
    "stateEnteredEventDetails",
    "stateExitedEventDetails",
    "taskFailedEventDetails",
    "taskScheduledEventDetails",
    "executionFailedEventDetails",
    "mapIterationStartedEventDetails",
    "mapStateStartedEventDetails",
    "lambdaFunctionFailedEventDetails",
  ),
  fc.string(),
);

const randomEvent: fc.Arbitrary<HistoryEvent> = fc
  .record({
    id: fc.oneof(fc.integer({ min: -5, max: 60 }), junk),
    previousEventId: fc.oneof(fc.integer({ min: -5, max: 60 }), junk),
    timestamp: fc.oneof(fc.integer(), fc.double(), fc.date({ noInvalidDate: false }), fc.string(), junk),
    type: fc.oneof(fc.constantFrom(...KNOWN_TYPES), fc.string()),
    key: detailsKey,
    details: fc.oneof(
      fc.record({ name: fc.oneof(fc.string(), junk), input: fc.oneof(fc.json(), junk), output: fc.oneof(fc.json(), junk), error: junk, cause: fc.oneof(fc.json(), junk), index: junk, length: junk }, { requiredKeys: [] }),
      junk,
    ),
  })
  .map(({ key, details, ...rest }) => ({ ...rest, [key]: details }) as unknown as HistoryEvent);

describe("history fold under random input", () => {
  it("never throws on random events", () => {
    fc.assert(
      fc.property(fc.array(randomEvent, { maxLength: 60 }), (events) => {
        const model = foldHistory(events);
        expect(model).toBeTypeOf("object");
        expect(Array.isArray(model.runs)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on recorded histories shuffled, cut, duplicated or mixed with random events", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...recorded),
        fc.func(fc.integer()),
        fc.nat(),
        fc.array(randomEvent, { maxLength: 5 }),
        fc.boolean(),
        (events, order, cut, extra, duplicate) => {
          const mangled = [...events.slice(0, cut % (events.length + 1)), ...extra, ...(duplicate ? events.slice(0, 3) : [])].sort(
            (a, b) => order(a.id) - order(b.id),
          );
          const model = foldHistory(mangled);
          // Fed in two increments, as the live page does, it still holds together.
          const half = Math.floor(mangled.length / 2);
          applyEvents(foldHistory(mangled.slice(0, half)), mangled.slice(half));
          expect(model.eventCount).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("accepts input that is not even an array of objects", () => {
    for (const bad of [null, undefined, 42, "events", [null, 1, "x", []], {}]) {
      expect(() => foldHistory(bad as unknown as HistoryEvent[])).not.toThrow();
    }
  });
});
