/**
 * The background loops pause thousands of times over a process's life on one long-lived
 * signal; nothing may stay behind on it (before, every pause left an "abort" listener, and
 * Node warned of a leak after eleven).
 */
import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { pause, RepeatedFailureLog, withOwnSignal } from "@/lib/server/pause";

describe("pause", () => {
  it("leaves no listener on the signal once it has waited", async () => {
    const stop = new AbortController();
    for (let i = 0; i < 20; i++) await pause(1, stop.signal);
    expect(getEventListeners(stop.signal, "abort")).toHaveLength(0);
  });

  it("ends at once when the signal aborts", async () => {
    const stop = new AbortController();
    const began = Date.now();
    const waiting = pause(60_000, stop.signal);
    stop.abort();
    await waiting;
    expect(Date.now() - began).toBeLessThan(30_000);
    expect(getEventListeners(stop.signal, "abort")).toHaveLength(0);
  });
});

describe("withOwnSignal", () => {
  it("keeps what a call leaves listening off the long-lived signal, and still aborts the call", async () => {
    const stop = new AbortController();
    const leaky = (signal: AbortSignal) => {
      signal.addEventListener("abort", () => undefined); // as the SDK's handler may
      return Promise.resolve(1);
    };
    for (let i = 0; i < 20; i++) await withOwnSignal(stop.signal, leaky);
    expect(getEventListeners(stop.signal, "abort")).toHaveLength(0);

    const aborted = withOwnSignal(stop.signal, (own) => new Promise((_, reject) => own.addEventListener("abort", () => reject(new Error("aborted")))));
    stop.abort();
    await expect(aborted).rejects.toThrow("aborted");
  });
});

describe("RepeatedFailureLog", () => {
  it("says a failure once while it repeats, again when it changes, and once when it recovers", () => {
    const write = vi.fn();
    const log = new RepeatedFailureLog("background refresh", write);
    for (let i = 0; i < 30; i++) log.failed("Access denied to ListStateMachines");
    log.failed("Throttled");
    log.succeeded();
    log.succeeded();
    expect(write.mock.calls.map(([line]) => line)).toEqual([
      "[stepscope] background refresh failed: Access denied to ListStateMachines (said once until it changes)",
      "[stepscope] background refresh failed: Throttled (said once until it changes)",
      "[stepscope] background refresh works again",
    ]);
  });
});
