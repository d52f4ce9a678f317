import { describe, expect, it } from "vitest";
import {
  parseRedactPath,
  parseRedactPaths,
  redactExecutionData,
  redactJsonText,
  REDACTED,
  RedactPathError,
  scrubExecutionData,
  SecretSet,
} from "@/lib/security/redaction";

const paths = (list: string) => parseRedactPaths(list);
const P = paths("$..password,$.card.number");
const masked = (value: unknown, list: string) => JSON.parse(redactJsonText(JSON.stringify(value), paths(list)));

describe("redaction paths", () => {
  it("masks a child by name and leaves its siblings", () => {
    expect(masked({ card: { number: "4111 1111 1111 1111", brand: "visa" }, total: 12 }, "$.card.number")).toEqual({
      card: { number: REDACTED, brand: "visa" },
      total: 12,
    });
  });

  it("masks a key at any depth, inside arrays too", () => {
    const input = { password: "a1", user: { password: "b1", name: "n" }, list: [{ password: "c1" }, { other: 1 }] };
    expect(masked(input, "$..password")).toEqual({ password: REDACTED, user: { password: REDACTED, name: "n" }, list: [{ password: REDACTED }, { other: 1 }] });
  });

  it("masks a field of every array element, and one element by index", () => {
    const input = { items: [{ sku: "a", pan: "1" }, { sku: "b", pan: "2" }] };
    expect(masked(input, "$.items[*].pan")).toEqual({ items: [{ sku: "a", pan: REDACTED }, { sku: "b", pan: REDACTED }] });
    expect(masked(input, "$.items[1].pan")).toEqual({ items: [{ sku: "a", pan: "1" }, { sku: "b", pan: REDACTED }] });
  });

  it("masks whole objects, and accepts quoted names with odd characters and escapes", () => {
    expect(masked({ secret: { a: 1 } }, "$.secret")).toEqual({ secret: REDACTED });
    expect(masked({ "x.y": 1, x: { y: 2 } }, "$['x.y']")).toEqual({ "x.y": REDACTED, x: { y: 2 } });
    expect(masked({ "it's": "s3cret" }, "$['it\\'s']")).toEqual({ "it's": REDACTED });
    expect(masked({ a: { "odd key": 1 } }, "$..['odd key']")).toEqual({ a: { "odd key": REDACTED } });
  });

  it("ignores paths that match nothing or meet the wrong type", () => {
    expect(masked({ card: "plain" }, "$.card.number,$.items[*].x")).toEqual({ card: "plain" });
    expect(masked([1, 2], "$.a")).toEqual([1, 2]);
  });

  it("rejects malformed paths with a message that names the path and shows the accepted forms", () => {
    for (const bad of ["card.number", "$.", "$..", "$[abc]", "$", "$.a b", "$['open", "$[-1]"]) {
      expect(() => parseRedactPath(bad), bad).toThrow(RedactPathError);
      expect(() => parseRedactPath(bad)).toThrow(/\$\.card\.number/);
      expect(() => parseRedactPath(bad)).toThrow(bad.trim());
    }
  });

  it("an empty setting masks nothing", () => {
    expect(parseRedactPaths("")).toEqual([]);
    expect(parseRedactPaths(" , ")).toEqual([]);
    expect(redactJsonText('{"password":"x"}', [])).toBe('{"password":"x"}');
  });
});

describe("wherever Step Functions copies the data", () => {
  it("masks JSON held in a string (an SQS MessageBody, an SNS Message), and JSON in a string in a string", () => {
    const message = JSON.stringify({ password: "hunter2", keep: "k" });
    const parameters = JSON.stringify({ QueueUrl: "q", MessageBody: message, Sns: { Message: JSON.stringify(JSON.stringify({ password: "hunter3" })) } });
    const out = redactJsonText(parameters, P);
    expect(out).not.toMatch(/hunter[23]/);
    const body = JSON.parse(JSON.parse(out).MessageBody);
    expect(body).toEqual({ password: REDACTED, keep: "k" });
  });

  it("masks JSON quoted in prose, such as a States.Runtime cause", () => {
    const cause =
      "An error occurred while executing the state 'Charge' (entered at the event id #2). The JSONPath '$.missing' specified for the field 'InputPath' could not be found in the input '{\"card\":{\"number\":\"4111-1111-1111-1111\"},\"user\":{\"password\":\"hunter2\"}}'";
    const out = redactJsonText(cause, P);
    expect(out).not.toContain("hunter2");
    expect(out).not.toContain("4111-1111");
    expect(out).toContain("could not be found in the input");
  });

  it("scrubs values found at a path from every string of the execution's data, whatever wraps them", () => {
    const execution = {
      input: JSON.stringify({ card: { number: "4111-1111-1111-1111" }, user: { password: "hunter2" } }),
      events: [
        // The Lambda Payload wraps the input: $.card.number does not match under Payload, the value does.
        { taskScheduledEventDetails: { parameters: JSON.stringify({ FunctionName: "charge", Payload: { card: { number: "4111-1111-1111-1111" } } }) } },
        // A nested execution's Input is a string of JSON.
        { taskScheduledEventDetails: { parameters: JSON.stringify({ StateMachineArn: "arn", Input: JSON.stringify({ pan: "4111-1111-1111-1111" }) }) } },
        // A cause that quotes the input, cut short so it is not JSON any more.
        { taskFailedEventDetails: { error: "Charge.Failed", cause: 'card 4111-1111-1111-1111 declined for {"user":{"password":"hunt' } },
        { stateExitedEventDetails: { name: "Assign", assignedVariables: { token: JSON.stringify("hunter2") }, output: '{"n":"hunter2"}' } },
        { evaluationFailedEventDetails: { error: "States.QueryEvaluationError", cause: "x", location: "Arguments", state: "S", details: "value hunter2 is not a number" } },
      ],
    };
    const out = redactExecutionData(execution, P);
    const text = JSON.stringify(out);
    expect(text).not.toContain("4111-1111");
    expect(text).not.toContain("hunter2");
    expect(text).toContain("Charge.Failed");
    // Payloads stay valid JSON after scrubbing.
    expect(JSON.parse(out.events[0].taskScheduledEventDetails!.parameters!).Payload.card.number).toBe(REDACTED);
    expect(JSON.parse(JSON.parse(out.events[1].taskScheduledEventDetails!.parameters!).Input)).toEqual({ pan: REDACTED });
  });

  it("keeps the values of one execution for its later pages, and scrubs data read before them", () => {
    const secrets = new SecretSet();
    redactExecutionData({ input: '{"password":"correct-horse"}' }, P, secrets);
    const laterPage = redactExecutionData([{ cause: "bad password correct-horse" }], P, secrets);
    expect(laterPage[0].cause).toBe(`bad password ${REDACTED}`);
    const earlier = { cause: "quoting correct-horse" };
    expect(scrubExecutionData(earlier, secrets).cause).toBe(`quoting ${REDACTED}`);
    expect(earlier.cause).toBe("quoting correct-horse");
  });

  it("scrubs a number found at a path where it stands alone, keeping JSON valid", () => {
    const out = redactExecutionData({ input: '{"card":{"number":4111111111111111}}', result: '{"echo":4111111111111111,"id":141111111111111111}' }, P);
    expect(JSON.parse(out.input)).toEqual({ card: { number: REDACTED } });
    expect(JSON.parse(out.result)).toEqual({ echo: REDACTED, id: 141111111111111111 });
  });

  it("masks values too short to hunt in prose where a path names them, and leaves prose readable", () => {
    const out = redactExecutionData({ input: '{"password":"ok"}', cause: "ok, attempt 1" }, P);
    expect(JSON.parse(out.input)).toEqual({ password: REDACTED });
    expect(out.cause).toBe("ok, attempt 1");
  });

  it("never changes the caller's data, and returns the same object when there is nothing to mask", () => {
    const data = { input: '{"card":{"number":"4111-1111"}}', name: "n" };
    const out = redactExecutionData(data, P);
    expect(data.input).toContain("4111-1111");
    expect(out.input).not.toContain("4111-1111");
    const clean = { input: '{"a":1}', when: new Date(0) };
    expect(redactExecutionData(clean, P)).toBe(clean);
  });

  it("works on payloads of any depth without running out of stack", () => {
    for (const depth of [10_000, 100_000]) {
      const text = '{"a":'.repeat(depth) + '{"password":"deep-secret"}' + "}".repeat(depth);
      const out = redactExecutionData({ input: text, cause: `quoted ${text}` }, P);
      expect(out.input).not.toContain("deep-secret");
      expect(out.cause).not.toContain("deep-secret");
      expect(out.input.endsWith(`{"password":"${REDACTED}"}${"}".repeat(depth)}`)).toBe(true);
    }
  });

  it("leaves text that is neither JSON nor holds a found value as it came", () => {
    expect(redactJsonText("not json password=1", P)).toBe("not json password=1");
    expect(redactJsonText('"a string"', P)).toBe('"a string"');
    expect(redactJsonText("[unbalanced {\"x\": [", P)).toBe("[unbalanced {\"x\": [");
  });
});
