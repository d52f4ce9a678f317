import { describe, expect, it } from "vitest";
import { nextTurn } from "@/lib/server/turns";

/** Synchronous work, as better-sqlite3 does it: nothing else runs meanwhile. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe("turns of the event loop, one at a time", () => {
  it("lets a timer that fell due during one caller's work fire before the next caller's work", async () => {
    const order: string[] = [];
    const timer = new Promise<void>((resolve) => {
      void nextTurn().then(() => {
        setTimeout(() => (order.push("timer"), resolve()), 0);
        busy(15);
        order.push("first");
      });
    });
    const second = nextTurn().then(() => void order.push("second"));
    const third = nextTurn().then(() => void order.push("third"));
    await Promise.all([timer, second, third]);
    // With a setImmediate each, the three would run back to back in one check phase.
    expect(order).toEqual(["first", "timer", "second", "third"]);
  });

  it("gives the turns in the order they were asked for, also to callers that ask again", async () => {
    const order: string[] = [];
    const caller = async (name: string) => {
      for (let i = 0; i < 2; i++) {
        await nextTurn();
        order.push(`${name}${i}`);
      }
    };
    await Promise.all([caller("a"), caller("b")]);
    expect(order).toEqual(["a0", "b0", "a1", "b1"]);
  });
});
