import { describe, expect, it } from "vitest";
import { telemetryError } from "@/lib/sfn/telemetry";

const sdkError = (name: string, message = "", status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe("CloudWatch errors as a person reads them", () => {
  it("name the permission a denied call needs", () => {
    const denied = telemetryError(sdkError("AccessDeniedException", "User: arn:aws:iam::1:user/x is not authorized"), "cloudwatch", "GetMetricData", "AWS us-east-1");
    expect(denied.code).toBe("ACCESS_DENIED");
    expect(denied.message).toContain("cloudwatch:GetMetricData");
    expect(denied.message).not.toContain("states:");
    expect(denied.message).not.toContain("arn:aws:iam");
    const logs = telemetryError(sdkError("AccessDeniedException"), "logs", "StartQuery", "AWS us-east-1");
    expect(logs.message).toContain("logs:StartQuery");
  });

  it("name the service and the endpoint when it cannot be reached or throttles", () => {
    const down = telemetryError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), "logs", "FilterLogEvents", "http://127.0.0.1:9");
    expect(down.code).toBe("UNAVAILABLE");
    expect(down.message).toBe(
      "Cannot reach the CloudWatch Logs endpoint http://127.0.0.1:9: the connection failed (ECONNREFUSED). Check that it is running and that the URL is right.",
    );
    const throttled = telemetryError(sdkError("ThrottlingException"), "cloudwatch", "GetMetricData", "AWS us-east-1");
    expect(throttled).toMatchObject({ code: "THROTTLED" });
    expect(throttled.message).toMatch(/^CloudWatch is throttling GetMetricData/);
  });
});
