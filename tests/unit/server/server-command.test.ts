import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs helper shared with npm start
import { serverArgs } from "../../../scripts/server-command.mjs";

const NEXT = ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", "3000"];

describe("the command that runs the production server", () => {
  it("keeps the heap near its live size by default: V8's defaults let it grow to several times that", () => {
    expect(serverArgs("127.0.0.1", 3000, {})).toEqual(["--heap-growing-percent=20", "--max-semi-space-size=4", ...NEXT]);
  });

  it("takes STEPSCOPE_NODE_FLAGS in their place, an empty one meaning V8's defaults", () => {
    expect(serverArgs("127.0.0.1", 3000, { STEPSCOPE_NODE_FLAGS: " --max-old-space-size=2048  --optimize-for-size " })).toEqual(["--max-old-space-size=2048", "--optimize-for-size", ...NEXT]);
    expect(serverArgs("127.0.0.1", 3000, { STEPSCOPE_NODE_FLAGS: "" })).toEqual(NEXT);
  });
});
