import { describe, expect, it } from "vitest";
import { badgeOverhang, placeBadges, reservedBadgeRows } from "@/lib/asl/badges";
import type { StateNode } from "@/lib/asl";

const task = (extra: Partial<StateNode> = {}): StateNode => ({ id: "Charge", kind: "state", name: "Charge", scope: "", type: "Task", ...extra });

describe("badges under a state", () => {
  it("flow into a new row when the node is too narrow, and never past the rows kept for them", () => {
    const pills = placeBadges(
      [
        { kind: "duration", text: "max 12m 5s" },
        { kind: "retries", text: "⟳ ×3 retries" },
        { kind: "caught", text: "↪ caught → Refund the customer and notify support" },
      ],
      132,
      46,
      2,
    );
    expect(pills.map((p) => p.y)).toEqual([38, 55, 55]);
    for (const p of pills) expect(p.x + p.width).toBeLessThanOrEqual(132);
    expect(Math.max(...pills.map((p) => p.y + p.height))).toBeLessThanOrEqual(46 + badgeOverhang(2));
  });

  it("keeps room for the retries and the catch a state can show, and only one row for a plain state", () => {
    expect(reservedBadgeRows(task(), 132, [])).toBe(1);
    expect(reservedBadgeRows(task({ retries: true }), 132, ["Handle failure"])).toBe(3);
    expect(reservedBadgeRows({ id: "x", kind: "start", name: "Start", scope: "" }, 64, [])).toBe(0);
  });

  it("cuts a pill that is wider than the node instead of letting it hang over its neighbours", () => {
    const [pill] = placeBadges([{ kind: "caught", text: "↪ caught → A very long name for the state that handles errors" }], 132, 46, 1);
    expect(pill.x + pill.width).toBeLessThanOrEqual(132);
    expect(pill.text.endsWith("…")).toBe(true);
  });
});
