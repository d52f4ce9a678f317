/** The shared server cache: bounded in bytes, least recently used out first, stale entries gone. */
import { describe, expect, it } from "vitest";
import { approximateBytes, ByteLruCache, FOREVER, SingleFlight } from "@/lib/sfn";

describe("ByteLruCache", () => {
  const payload = (n: number) => ({ text: "x".repeat(n) });

  it("never holds more bytes than its budget, evicting the least recently used", () => {
    let now = 0;
    const cache = new ByteLruCache({ maxBytes: 3_000, now: () => now });
    cache.set("a", payload(900), FOREVER);
    cache.set("b", payload(900), FOREVER);
    cache.set("c", payload(900), FOREVER);
    expect(cache.get("a")).toBeDefined(); // a is now the most recently used
    cache.set("d", payload(900), FOREVER);
    expect(cache.bytes).toBeLessThanOrEqual(3_000);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("d")).toBeDefined();
  });

  it("stays within budget under many writes", () => {
    const cache = new ByteLruCache({ maxBytes: 50_000, now: () => 0 });
    for (let i = 0; i < 2_000; i++) cache.set(`k${i}`, payload(i % 700), FOREVER);
    expect(cache.bytes).toBeLessThanOrEqual(50_000);
    expect(cache.get("k1999")).toBeDefined();
  });

  it("drops entries whose time is up, and refuses one bigger than the whole budget", () => {
    let now = 1_000;
    const cache = new ByteLruCache({ maxBytes: 500, now: () => now });
    cache.set("short", payload(10), 2_000);
    now += 1_999;
    expect(cache.get("short")).toBeDefined();
    now += 1;
    expect(cache.get("short")).toBeUndefined();
    cache.set("huge", payload(1_000), FOREVER);
    expect(cache.get("huge")).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it("sizes entries by their JSON length", () => {
    expect(approximateBytes(payload(1_000))).toBeGreaterThan(1_000);
    expect(approximateBytes(payload(1_000))).toBeLessThan(1_200);
  });
});

describe("SingleFlight", () => {
  it("shares one promise among concurrent callers, and forgets it once settled", async () => {
    const flight = new SingleFlight();
    let calls = 0;
    const work = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return calls;
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => flight.run("k", work)));
    expect(results).toEqual(Array(10).fill(1));
    expect(flight.pending).toBe(0);
    expect(await flight.run("k", work)).toBe(2);
  });

  it("passes a failure to every waiting caller, then lets the next call try again", async () => {
    const flight = new SingleFlight();
    let fail = true;
    const work = async () => {
      if (fail) throw new Error("upstream down");
      return "ok";
    };
    const outcomes = await Promise.allSettled([flight.run("k", work), flight.run("k", work)]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await flight.run("k", work)).toBe("ok");
  });
});
