import { describe, expect, it } from "vitest";
import type { ExecutionDetail } from "@/lib/contract/api";
import { foldHistory } from "@/lib/history";
import { postmortemMarkdown } from "@/lib/report";
import { toSfnError } from "@/lib/sfn/errors";
import { visibleName, visibleText } from "@/lib/security/visible-text";

const XSS = "<img src=x onerror=alert(1)>";

function hostileExecution(): { detail: ExecutionDetail; md: string } {
  const events = [
    { id: 1, previousEventId: 0, timestamp: 1_700_000_000, type: "ExecutionStarted", executionStartedEventDetails: { input: "{}" } },
    { id: 2, previousEventId: 1, timestamp: 1_700_000_001, type: "TaskStateEntered", stateEnteredEventDetails: { name: XSS, input: "{}" } },
    { id: 3, previousEventId: 2, timestamp: 1_700_000_002, type: "TaskFailed", taskFailedEventDetails: { error: XSS, cause: JSON.stringify({ errorMessage: `${XSS} [click](javascript:alert(1))`, errorType: XSS }) } },
    { id: 4, previousEventId: 3, timestamp: 1_700_000_003, type: "ExecutionFailed", executionFailedEventDetails: { error: XSS, cause: `${XSS} plain` } },
  ];
  const model = foldHistory(events as never);
  const detail = {
    arn: "arn:aws:states:us-east-1:123456789012:execution:m:e",
    name: `${XSS}\u202Egnp.exe`,
    stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m",
    stateMachineName: `**bold** ${XSS}`,
    status: "FAILED",
    startedAt: 1_700_000_000_000,
    stoppedAt: 1_700_000_003_000,
    error: XSS,
    cause: JSON.stringify({ errorMessage: XSS, errorType: "E" }),
    definition: "{}",
  } as unknown as ExecutionDetail;
  return { detail, md: postmortemMarkdown(detail, model) };
}

describe("the Markdown postmortem with hostile names, errors and causes", () => {
  const { md } = hostileExecution();

  it("carries no raw HTML anywhere in the file", () => {
    expect(md).not.toMatch(/<img/i);
    expect(md).not.toMatch(/<[a-z]/i);
    expect(md).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("keeps Markdown syntax from names inert and shows direction overrides visibly", () => {
    expect(md).toContain("\\*\\*bold\\*\\*");
    expect(md).not.toContain("\u202E");
    expect(md).toContain("⟨U+202E⟩gnp.exe");
  });

  it("keeps the cause's JSON meaning the same with the markup escaped", () => {
    const json = /```json\n([\s\S]*?)\n```/.exec(md)?.[1] ?? "";
    expect(JSON.parse(json)).toEqual({ errorMessage: XSS, errorType: "E" });
  });
});

describe("visible names", () => {
  it("shows zero-width and bidirectional control characters, and cuts very long names", () => {
    expect(visibleText("Pay\u200Bment")).toBe("Pay⟨U+200B⟩ment");
    expect(visibleText("a\u2066b\u2069\uFEFF")).toBe("a⟨U+2066⟩b⟨U+2069⟩⟨U+FEFF⟩");
    expect(visibleText("tab\there")).toBe("tab here");
    expect(visibleText("Ünïcödé 名前")).toBe("Ünïcödé 名前");
    const long = visibleName("E".repeat(5000));
    expect(long.length).toBeLessThan(260);
    expect(long).toContain("4800 more characters");
  });

  it("an endpoint's made-up error name is cut before it reaches an API message", () => {
    const error = toSfnError({ name: `${"X".repeat(100_000)}\u202E`, $metadata: { httpStatusCode: 400 } }, { operation: "ListExecutions", endpointLabel: "e" });
    expect(error.message.length).toBeLessThan(400);
  });
});
