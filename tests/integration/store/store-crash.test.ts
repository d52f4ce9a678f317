/**
 * Crash safety: a writer process is SIGKILLed while it writes as fast as it can. The next
 * process opens the same SQLite file, finds it intact (integrity_check), finds exactly the
 * rounds that were committed (never half a round) with the cursor pointing at the last of them,
 * and resumes from there.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openStore, parseDatabaseUrl } from "@/lib/store";
import { CRASH_BATCH, CRASH_MACHINE } from "../../support/store-writer";

const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-crash-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const WRITER = path.join(process.cwd(), "tests", "support", "store-writer.ts");
// tsx's CLI runs the script in a child process; loading tsx into node itself makes the killed process the writer.
const TSX_LOADER = ["--import", "tsx"];

/** Runs the writer until it has committed `rounds` rounds past where it started, then SIGKILLs it. */
function runAndKill(url: string, rounds: number): Promise<{ resumedAt: number; lastCommitted: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX_LOADER, WRITER, url], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let resumedAt = -1;
    let lastCommitted = -1;
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const lines = out.split("\n");
      out = lines.pop() ?? "";
      for (const line of lines) {
        const resumed = /^resuming (\d+)$/.exec(line);
        if (resumed) resumedAt = Number(resumed[1]);
        const committed = /^committed (\d+)$/.exec(line);
        if (committed) lastCommitted = Number(committed[1]);
      }
      // Killed while the next round is being written: no pause between rounds to land in.
      if (lastCommitted - resumedAt + 1 >= rounds && child.exitCode === null && !child.killed) child.kill("SIGKILL");
    });
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve({ resumedAt, lastCommitted });
      else reject(new Error(`writer exited with ${code}: ${err}`));
    });
  });
}

describe("a store killed mid-write", () => {
  it("reopens intact with exactly the committed rounds, and the next writer resumes after the last one", async () => {
    const url = `sqlite:${path.join(tmp, "crash.db")}`;
    let expectedNext = 0;
    for (const rounds of [8, 5, 12]) {
      const { resumedAt, lastCommitted } = await runAndKill(url, rounds);
      // The writer resumed exactly where the previous one's last commit left off.
      expect(resumedAt).toBe(expectedNext);
      const store = await openStore(parseDatabaseUrl(url, tmp));
      try {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db);
        expect(check.rows).toEqual([{ integrity_check: "ok" }]);
        const cursor = await store.cursor(CRASH_MACHINE);
        const round = (JSON.parse(cursor!.state) as { round: number }).round;
        // Every round reported committed is there (a few more may have committed before the kill landed).
        expect(round).toBeGreaterThanOrEqual(lastCommitted);
        // Never half a round: rows and cursor were committed together.
        expect(await store.countExecutions(CRASH_MACHINE)).toBe((round + 1) * CRASH_BATCH);
        expectedNext = round + 1;
      } finally {
        await store.close();
      }
    }
  }, 120_000);
});
