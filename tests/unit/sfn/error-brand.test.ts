import { describe, expect, it, vi } from "vitest";
import { ConfigError } from "@/lib/config/env";
import { SfnError, toSfnError } from "@/lib/sfn/errors";

/** A second copy of a module, as Next's instrumentation bundle holds beside a route's. */
async function secondCopy<T>(load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  return load();
}

describe("error classes across bundles", () => {
  it("knows an SfnError thrown by another copy of the class, and keeps its code", async () => {
    const other = await secondCopy(() => import("@/lib/sfn/errors"));
    expect(other.SfnError).not.toBe(SfnError);
    const thrown = new other.SfnError("UNAVAILABLE", "Cannot reach the Step Functions endpoint http://127.0.0.1:9");
    expect(thrown instanceof SfnError).toBe(true);
    expect(toSfnError(thrown, { operation: "ListStateMachines", endpointLabel: "http://127.0.0.1:9" })).toBe(thrown);
  });

  it("knows a ConfigError of another copy, and tells other errors apart", async () => {
    const other = await secondCopy(() => import("@/lib/config/env"));
    expect(new other.ConfigError("bad") instanceof ConfigError).toBe(true);
    expect(new other.ConfigError("bad") instanceof SfnError).toBe(false);
    expect(new Error("plain") instanceof SfnError).toBe(false);
    expect((null as unknown) instanceof SfnError).toBe(false);
    expect({ code: "UNAVAILABLE" } instanceof SfnError).toBe(false);
  });
});
