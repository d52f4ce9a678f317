import { describe, expect, it } from "vitest";
import { compileFilterPattern } from "@/mocks/logs/filter-pattern";
import { parseInsightsQuery, runInsights } from "@/mocks/logs/insights-query";
import type { LogEvent } from "@/mocks/logs/log-records";
import { formatBytes } from "@/lib/format/bytes";

const ev = (t: number, message: string): LogEvent => ({ timestamp: t, ingestionTime: t, message, logStreamName: "s", eventId: String(t) });
const rec = (type: string, arn: string, details = {}) => JSON.stringify({ id: "1", type, details, execution_arn: arn, event_timestamp: "1", previous_event_id: "0" });
const A = "arn:aws:states:us-east-1:123456789012:express:clicks:a:1";
const B = "arn:aws:states:us-east-1:123456789012:express:other:b:2";
const EVENTS = [ev(1, rec("ExecutionStarted", A)), ev(2, rec("TaskStateEntered", A)), ev(3, rec("ExecutionFailed", A, { error: "E" })), ev(4, rec("ExecutionStarted", B)), ev(5, "not json")];

describe("the demo's CloudWatch Logs filter patterns", () => {
  it("match quoted terms, exclusions and JSON equality as the service does", () => {
    expect(EVENTS.filter((e) => compileFilterPattern(`"${A}"`)(e.message))).toHaveLength(3);
    expect(EVENTS.filter((e) => compileFilterPattern('{ $.type = "Execution*" }')(e.message))).toHaveLength(3);
    expect(EVENTS.filter((e) => compileFilterPattern('{ $.details.error = "E" }')(e.message))).toHaveLength(1);
    expect(EVENTS.filter((e) => compileFilterPattern("ExecutionStarted -other")(e.message))).toHaveLength(1);
    expect(EVENTS.filter((e) => compileFilterPattern("")(e.message))).toHaveLength(5);
    expect(() => compileFilterPattern("{ $.type ~ 1 }")).toThrow(/Invalid filter pattern/);
  });
});

describe("the demo's Logs Insights", () => {
  it("filters, sorts, limits and counts every byte it scanned", () => {
    const q = parseInsightsQuery('fields @timestamp, @message | filter type in ["ExecutionStarted", "ExecutionFailed"] | filter execution_arn like ":express:clicks:" | sort @timestamp desc | limit 10');
    const out = runInsights(q, EVENTS, "g", 10_000);
    expect(out.rows.map((r) => JSON.parse(r["@message"]).type)).toEqual(["ExecutionFailed", "ExecutionStarted"]);
    expect(out.recordsScanned).toBe(5);
    expect(out.recordsMatched).toBe(2);
    expect(out.bytesScanned).toBeGreaterThan(EVENTS.reduce((n, e) => n + e.message.length, 0));
  });

  it("reads nested fields and counts by a field", () => {
    const fields = runInsights(parseInsightsQuery("fields details.error | filter type = \"ExecutionFailed\""), EVENTS, "g", 100);
    expect(fields.rows[0]["details.error"]).toBe("E");
    const stats = runInsights(parseInsightsQuery("stats count(*) by type"), EVENTS, "g", 100);
    expect(stats.rows.find((r) => r.type === "ExecutionStarted")?.["count(*)"]).toBe("2");
  });

  it("refuses what it does not understand instead of guessing", () => {
    expect(() => parseInsightsQuery("fields @message | dedup type")).toThrow(/unsupported command: dedup/);
  });
});

describe("byte counts", () => {
  it("read the way a person says them", () => {
    expect(formatBytes(812)).toBe("812 B");
    expect(formatBytes(4300)).toBe("4.2 KB");
    expect(formatBytes(5 * 1024 * 1024 * 1024)).toBe("5.0 GB");
    expect(formatBytes(undefined)).toBe("—");
  });
});
