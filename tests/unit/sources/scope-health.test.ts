import { describe, expect, it } from "vitest";
import { scopeHealth, THROTTLE_SHOWN_MS } from "@/lib/server/sources/scope-health";

const failure = (code: string, at = 1_000) => ({ code, message: `${code} happened`, at });

describe("scopeHealth", () => {
  it("is loading until the source answers, then ok", () => {
    expect(scopeHealth({}, 5_000)).toEqual({ state: "loading" });
    expect(scopeHealth({ answeredAt: 4_000 }, 5_000)).toEqual({ state: "ok", checkedAt: 4_000 });
  });

  it("says down, denied or throttled with the failure's words", () => {
    expect(scopeHealth({ answeredAt: 500, failure: failure("UNAVAILABLE") }, 2_000)).toEqual({ state: "down", message: "UNAVAILABLE happened", checkedAt: 1_000 });
    expect(scopeHealth({ failure: failure("TIMEOUT") }, 2_000).state).toBe("down");
    expect(scopeHealth({ failure: failure("UPSTREAM") }, 2_000).state).toBe("down");
    expect(scopeHealth({ failure: failure("ACCESS_DENIED") }, 2_000).state).toBe("denied");
    expect(scopeHealth({ failure: failure("UNAUTHORIZED") }, 2_000).state).toBe("denied");
    expect(scopeHealth({ answeredAt: 500, failure: failure("THROTTLED") }, 2_000).state).toBe("throttled");
  });

  it("forgets a throttle a minute after it", () => {
    const outcome = { answeredAt: 500, failure: failure("THROTTLED", 1_000) };
    expect(scopeHealth(outcome, 1_000 + THROTTLE_SHOWN_MS - 1).state).toBe("throttled");
    expect(scopeHealth(outcome, 1_000 + THROTTLE_SHOWN_MS).state).toBe("ok");
  });
});
