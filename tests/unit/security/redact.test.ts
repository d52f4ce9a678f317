import { describe, expect, it } from "vitest";
import { parseRedactPath, parseRedactPaths, redactJsonText, redactValue, REDACTED, RedactPathError } from "@/lib/security/redact";
import { redactExecutionPayloads, redactHistoryEvent } from "@/lib/security/redact-payloads";

const paths = (list: string) => parseRedactPaths(list);

describe("redaction paths", () => {
  it("masks a child by name and leaves its siblings", () => {
    const out = redactValue({ card: { number: "4111 1111 1111 1111", brand: "visa" }, total: 12 }, paths("$.card.number"));
    expect(out).toEqual({ card: { number: REDACTED, brand: "visa" }, total: 12 });
  });

  it("masks a key at any depth, inside arrays too", () => {
    const input = { password: "a", user: { password: "b", name: "n" }, list: [{ password: "c" }, { other: 1 }] };
    const out = redactValue(input, paths("$..password"));
    expect(out).toEqual({ password: REDACTED, user: { password: REDACTED, name: "n" }, list: [{ password: REDACTED }, { other: 1 }] });
  });

  it("masks a field of every array element, and one element by index", () => {
    const input = { items: [{ sku: "a", pan: "1" }, { sku: "b", pan: "2" }] };
    expect(redactValue(input, paths("$.items[*].pan"))).toEqual({ items: [{ sku: "a", pan: REDACTED }, { sku: "b", pan: REDACTED }] });
    expect(redactValue(input, paths("$.items[1].pan"))).toEqual({ items: [{ sku: "a", pan: "1" }, { sku: "b", pan: REDACTED }] });
  });

  it("masks whole objects, and accepts quoted names with odd characters", () => {
    expect(redactValue({ secret: { a: 1 } }, paths("$.secret"))).toEqual({ secret: REDACTED });
    expect(redactValue({ "x.y": 1, x: { y: 2 } }, paths("$['x.y']"))).toEqual({ "x.y": REDACTED, x: { y: 2 } });
  });

  it("never changes the caller's object", () => {
    const input = { card: { number: "1" } };
    redactValue(input, paths("$.card.number"));
    expect(input.card.number).toBe("1");
  });

  it("ignores paths that match nothing or meet the wrong type", () => {
    expect(redactValue({ card: "plain" }, paths("$.card.number,$.items[*].x"))).toEqual({ card: "plain" });
    expect(redactValue([1, 2], paths("$.a"))).toEqual([1, 2]);
  });

  it("rejects malformed paths with a message that shows the accepted forms", () => {
    for (const bad of ["card.number", "$.", "$..", "$[abc]", "$"]) {
      expect(() => parseRedactPath(bad), bad).toThrow(RedactPathError);
      expect(() => parseRedactPath(bad)).toThrow(/\$\.card\.number/);
    }
  });

  it("an empty setting masks nothing", () => {
    expect(parseRedactPaths("")).toEqual([]);
    expect(parseRedactPaths(" , ")).toEqual([]);
  });
});

describe("payload text", () => {
  it("masks JSON text and leaves non-JSON text as it came", () => {
    expect(JSON.parse(redactJsonText('{"password":"hunter2"}', paths("$..password")))).toEqual({ password: REDACTED });
    expect(redactJsonText("not json password=1", paths("$..password"))).toBe("not json password=1");
    expect(redactJsonText('"a string"', paths("$..password"))).toBe('"a string"');
  });

  it("masks every payload of a history event, whatever its type", () => {
    const p = paths("$..password,$.card.number");
    const event = {
      id: 5,
      type: "TaskScheduled",
      timestamp: 0,
      taskScheduledEventDetails: { resource: "invoke", parameters: '{"Payload":{"password":"x"}}' },
    };
    const out = redactHistoryEvent(event, p);
    expect(JSON.parse((out.taskScheduledEventDetails as { parameters: string }).parameters)).toEqual({ Payload: { password: REDACTED } });
    expect((out.taskScheduledEventDetails as { resource: string }).resource).toBe("invoke");

    const failed = redactHistoryEvent(
      { id: 6, type: "SomeFutureFailed", timestamp: 0, someFutureFailedEventDetails: { error: "E", cause: '{"password":"x","msg":"m"}' } },
      p,
    );
    expect(JSON.parse((failed.someFutureFailedEventDetails as { cause: string }).cause)).toEqual({ password: REDACTED, msg: "m" });

    const exited = redactHistoryEvent({ id: 7, type: "PassStateExited", timestamp: 0, stateExitedEventDetails: { name: "S", output: '{"card":{"number":"4111"}}' } }, p);
    expect((exited.stateExitedEventDetails as { output: string }).output).not.toContain("4111");
  });

  it("masks an execution's input, output and cause", () => {
    const out = redactExecutionPayloads({ input: '{"card":{"number":"4111"}}', output: '{"password":"p"}', cause: '{"password":"p"}' }, paths("$..password,$.card.number"));
    expect(`${out.input}${out.output}${out.cause}`).not.toMatch(/4111|"p"/);
  });
});
