import { describe, expect, it } from "vitest";
import { cutPositions, topologicalOrder } from "@/lib/asl/layout-cuts";

const links = (pairs: Array<[number, number]>) => pairs.map(([from, to]) => ({ from, to }));

describe("cutting a layered graph at the nodes every path goes through", () => {
  it("orders topologically, keeping the given order where the links leave it free", () => {
    expect(topologicalOrder(4, links([[0, 2], [0, 1], [1, 3], [2, 3]]))).toEqual([0, 1, 2, 3]);
    expect(topologicalOrder(3, links([[2, 0], [0, 1]]))).toEqual([2, 0, 1]);
    expect(() => topologicalOrder(2, links([[0, 1], [1, 0]]))).toThrow(/cycle/);
  });

  it("cuts a chain at every node and a diamond only at its ends", () => {
    const chain = links([[0, 1], [1, 2], [2, 3]]);
    expect(cutPositions(topologicalOrder(4, chain), chain)).toEqual([0, 1, 2, 3]);
    // 0 → {1, 2} → 3 → 4: the branches join at 3.
    const diamond = links([[0, 1], [0, 2], [1, 3], [2, 3], [3, 4]]);
    expect(cutPositions(topologicalOrder(5, diamond), diamond)).toEqual([0, 3, 4]);
  });

  it("does not cut where a link jumps over a node (a Catch to a later state)", () => {
    const jump = links([[0, 1], [1, 2], [2, 3], [1, 3]]);
    expect(cutPositions(topologicalOrder(4, jump), jump)).toEqual([0, 1, 3]);
  });

  it("keeps a state nothing leads to, and one that leads nowhere, inside the first and last pieces", () => {
    // 3 has no incoming link (unreachable), 2 no outgoing one (a loop that never ends).
    const odd = links([[0, 1], [1, 2], [1, 4], [3, 4]]);
    const order = topologicalOrder(5, odd);
    const cuts = cutPositions(order, odd);
    expect(cuts[0]).toBe(0);
    expect(cuts[cuts.length - 1]).toBe(4);
    const inFirstPiece = order.slice(0, cuts[1] + 1);
    expect(inFirstPiece).toContain(3);
  });
});
