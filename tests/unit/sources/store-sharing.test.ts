import { describe, expect, it } from "vitest";
import { keepsInStore } from "@/lib/server/sources/store-sharing";

const scope = (kind: "aws" | "emulator" | "demo", region: string, accountId?: string) => ({ kind, region, accountId });
const stored = (defs: ReturnType<typeof scope>[]) => defs.map((_, i) => keepsInStore(defs, i));

describe("which scopes keep their executions in the store", () => {
  it("every AWS scope: an ARN names its account and Region, and the same account reads the same executions", () => {
    expect(stored([scope("aws", "eu-west-1"), scope("aws", "eu-west-1"), scope("aws", "us-east-1", "111111111111")])).toEqual([true, true, true]);
  });

  it("emulators and demos of different accounts or Regions", () => {
    expect(stored([scope("demo", "us-east-1", "111111111111"), scope("demo", "us-east-1", "222222222222"), scope("emulator", "eu-west-1")])).toEqual([true, true, true]);
  });

  it("only the first of two emulators that may serve the same ARNs (same account, or one not known)", () => {
    expect(stored([scope("emulator", "us-east-1"), scope("emulator", "us-east-1")])).toEqual([true, false]);
    expect(stored([scope("emulator", "us-east-1", "111111111111"), scope("demo", "us-east-1", "111111111111")])).toEqual([true, false]);
    expect(stored([scope("emulator", "us-east-1", "111111111111"), scope("emulator", "us-east-1")])).toEqual([true, false]);
    expect(stored([scope("aws", "us-east-1", "111111111111"), scope("emulator", "us-east-1", "111111111111")])).toEqual([true, false]);
    // An emulator's account not known yet is not taken for a real account's.
    expect(stored([scope("emulator", "us-east-1"), scope("aws", "us-east-1"), scope("aws", "us-east-1", "111111111111")])).toEqual([true, true, true]);
  });
});
