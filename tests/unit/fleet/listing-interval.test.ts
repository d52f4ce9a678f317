/**
 * While events flow a machine is listed only by the slow reconciliation pass, but a machine still
 * partial (stretches of its listing not read yet) keeps being back-filled at the routine pace:
 * events never bring back what started before them, so waiting 5 minutes per stretch would leave
 * its rows partial for hours.
 */
import { describe, expect, it } from "vitest";
import { listingIntervalFor } from "@/lib/server/fleet/limits";

const ROUTINE = 5_000;
const RECONCILE = 300_000;

describe("how often a machine is listed", () => {
  it("at the routine interval when events are not flowing, gaps or not", () => {
    expect(listingIntervalFor(ROUTINE, undefined, false)).toBe(ROUTINE);
    expect(listingIntervalFor(ROUTINE, undefined, true)).toBe(ROUTINE);
  });

  it("only by the reconciliation pass once events flow and the listing is whole", () => {
    expect(listingIntervalFor(ROUTINE, RECONCILE, false)).toBe(RECONCILE);
  });

  it("at the routine interval while events flow and stretches remain to be read", () => {
    expect(listingIntervalFor(ROUTINE, RECONCILE, true)).toBe(ROUTINE);
  });

  it("never more often than the routine interval, which a large fleet stretches past the pass", () => {
    expect(listingIntervalFor(600_000, RECONCILE, false)).toBe(600_000);
    expect(listingIntervalFor(600_000, RECONCILE, true)).toBe(600_000);
  });
});
