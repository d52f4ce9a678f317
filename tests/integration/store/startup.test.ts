/**
 * `next start` with a database that is not Stepscope's stops at boot with a message naming
 * it, and the file is left as it was; with a SQLite file of its own, a restart serves what
 * the previous run stored, finished histories opened included.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ExecutionsResponse, FleetResponse, HistoryResponse } from "@/lib/contract/api";
import { openStore, parseDatabaseUrl } from "@/lib/store";
import { startStepscope } from "../../support/server";

const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-startup-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("Stepscope's start-up with a store", () => {
  it("refuses a file that is not a SQLite database, naming it, and leaves it untouched", async () => {
    const file = path.join(tmp, "not-a-db.db");
    writeFileSync(file, randomBytes(8192));
    const before = createHash("sha256").update(readFileSync(file)).digest("hex");
    const error = await startStepscope({ env: { STEPSCOPE_DATABASE_URL: `sqlite:${file}` } }).then(
      async (s) => {
        await s.stop();
        return undefined;
      },
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/exited with code 1/);
    expect(error?.message).toContain(`${file} is not a SQLite database`);
    expect(createHash("sha256").update(readFileSync(file)).digest("hex")).toBe(before);
  });

  it("keeps the index in its SQLite file: after a restart the fleet is complete again from the store, not listed again", async () => {
    const url = `sqlite:${path.join(tmp, "ours.db")}`;
    const first = await startStepscope({ env: { STEPSCOPE_DATABASE_URL: url } });
    let rows: FleetResponse["rows"] = [];
    let opened = "";
    try {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const answer = await fetch(`${first.url}/api/fleet?window=24h`);
        // A loaded machine may answer one request late (408): that is no answer, ask again.
        if (answer.ok) rows = ((await answer.json()) as FleetResponse).rows.filter((r) => r.type === "STANDARD");
        if (rows.length && rows.every((r) => r.coverage.state === "complete")) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(rows.map((r) => r.coverage.state)).toEqual(rows.map(() => "complete"));
      // Opening a finished execution keeps its history in the store, through the running server:
      // one of a machine whose row counts successes (the rows are the whole organisation's).
      const succeeding = rows.find((r) => (r.summary?.succeeded ?? 0) > 0)!;
      const listed = (await (await fetch(`${first.url}/api/state-machines/${encodeURIComponent(succeeding.arn)}/executions?status=SUCCEEDED`)).json()) as ExecutionsResponse;
      expect(listed.executions.length, `${succeeding.name} counts ${succeeding.summary?.succeeded} successes`).toBeGreaterThan(0);
      opened = listed.executions[0].arn;
      const history = await fetch(`${first.url}/api/executions/${encodeURIComponent(opened)}/history`);
      expect(history.status).toBe(200);
      expect(((await history.json()) as HistoryResponse).finished).toBe(true);
    } finally {
      await first.stop();
    }
    const store = await openStore(parseDatabaseUrl(url, tmp));
    try {
      expect((await store.history<{ type: string }>(opened))?.at(-1)?.type).toBe("ExecutionSucceeded");
    } finally {
      await store.close();
    }
    const second = await startStepscope({ env: { STEPSCOPE_DATABASE_URL: url } });
    try {
      // The first answer does not wait for the store to be read back (a loaded machine may take
      // longer than the answer's budget): a row is complete, as the last run left it, or says it
      // is loading. Never partial: the week was listed before the restart and is not listed again.
      const first = (await (await fetch(`${second.url}/api/fleet?window=24h`)).json()) as FleetResponse;
      const firstStates = first.rows.filter((r) => r.type === "STANDARD").map((r) => r.coverage.state);
      expect(firstStates.filter((s) => s !== "complete" && s !== "loading")).toEqual([]);
      let standard: FleetResponse["rows"] = [];
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const answer = await fetch(`${second.url}/api/fleet?window=24h`);
        if (answer.ok) standard = ((await answer.json()) as FleetResponse).rows.filter((r) => r.type === "STANDARD");
        if (standard.length && standard.every((r) => r.coverage.state !== "loading")) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(standard.map((r) => r.coverage.state)).toEqual(standard.map(() => "complete"));
      expect(standard.map((r) => r.name).sort()).toEqual(rows.map((r) => r.name).sort());
      // Loaded back, not listed again: no row went through partial, and each has its numbers.
      expect(standard.every((r) => (r.summary?.started ?? 0) > 0)).toBe(true);
    } finally {
      await second.stop();
    }
  }, 180_000);
});
