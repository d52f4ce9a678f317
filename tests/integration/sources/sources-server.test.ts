/**
 * `next start` with a source list: a broken one stops start-up naming the file and the field;
 * configured demo sources are served in-process (instrumentation puts each at its own endpoint)
 * and the HTTP API lists, totals and opens them by ARN.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FleetResponse, SourcesResponse, StateMachineResponse } from "@/lib/contract/api";
import { startStepscope } from "../../support/server";

const tmp = mkdtempSync(path.join(os.tmpdir(), "stepscope-sources-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("next start with several sources", () => {
  it("refuses a broken source list, naming the file, the source and the field", async () => {
    const file = path.join(tmp, "broken.json");
    writeFileSync(file, JSON.stringify({ sources: [{ name: "prod", regions: ["eu-west-1"] }, { name: "staging", regions: ["Frankfurt"] }] }));
    const error = await startStepscope({ env: { STEPSCOPE_CONFIG: file, STEPSCOPE_DATABASE_URL: "memory" } }).then(
      async (s) => {
        await s.stop();
        return undefined;
      },
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/exited with code 1/);
    expect(error?.message).toContain(file);
    expect(error?.message).toContain('source "staging", regions.0: each Region must look like us-east-1');
  }, 90_000);

  it("serves configured demo sources: every scope listed and totalled, each ARN opened in its own", async () => {
    const file = path.join(tmp, "stepscope.config.json");
    writeFileSync(
      file,
      JSON.stringify({
        sources: [
          { name: "sandbox", demo: { seed: 7 }, regions: ["us-east-1"], accountId: "333333333333" },
          { name: "staging", demo: true, regions: ["us-east-1"] },
        ],
      }),
    );
    const server = await startStepscope({ env: { STEPSCOPE_CONFIG: file, STEPSCOPE_DATABASE_URL: `sqlite:${path.join(tmp, "store.db")}` } });
    try {
      const get = async <T,>(p: string) => {
        const response = await fetch(`${server.url}${p}`);
        return { status: response.status, body: (await response.json()) as T };
      };
      let fleet!: FleetResponse;
      const deadline = Date.now() + 60_000;
      do {
        fleet = (await get<FleetResponse>("/api/fleet?window=1h&limit=500")).body;
        if (fleet.sources?.every((s) => s.machines > 0)) break;
        await new Promise((r) => setTimeout(r, 500));
      } while (Date.now() < deadline);
      expect(fleet.sources.map((s) => [s.scope.id, s.scope.accountId])).toEqual([
        ["sandbox:us-east-1", "333333333333"],
        ["staging:us-east-1", "222222222222"],
      ]);
      for (const part of fleet.sources) expect(part.machines).toBe(fleet.rows.filter((r) => r.source.id === part.scope.id).length);
      expect(fleet.totals.machines).toBe(fleet.rows.length);
      expect(fleet.totals.counts.FAILED).toBe(fleet.sources[0].counts.FAILED + fleet.sources[1].counts.FAILED);

      const sources = (await get<SourcesResponse>("/api/sources")).body;
      expect(sources.sources.map((s) => [s.id, s.kind, s.health.state])).toEqual([
        ["sandbox:us-east-1", "demo", "ok"],
        ["staging:us-east-1", "demo", "ok"],
      ]);

      for (const part of fleet.sources) {
        const row = fleet.rows.find((r) => r.source.id === part.scope.id && r.type === "STANDARD")!;
        expect(row.arn).toContain(`:${part.scope.accountId}:`);
        const opened = await get<StateMachineResponse>(`/api/state-machines/${encodeURIComponent(row.arn)}`);
        expect(opened.status).toBe(200);
        expect(opened.body.source.id).toBe(part.scope.id);
      }
      // Rendering an ARN page (its own bundle) leaves every scope's health as it was.
      const page = await fetch(`${server.url}/state-machines/${encodeURIComponent(fleet.rows.find((r) => r.source.id === "staging:us-east-1")!.arn)}`);
      expect(page.status).toBe(200);
      const afterPage = (await get<SourcesResponse>("/api/sources")).body;
      expect(afterPage.sources.map((s) => s.health.state)).toEqual(["ok", "ok"]);

      const nobody = await get<{ error: { message: string } }>(`/api/executions/${encodeURIComponent("arn:aws:states:eu-west-1:333333333333:execution:m:e")}`);
      expect(nobody.status).toBe(404);
      expect(nobody.body.error.message).toContain("sandbox:us-east-1");
    } finally {
      await server.stop();
    }
  }, 120_000);
});
