/**
 * `npm run postmortem`: the CLI run as a user runs it (tsx over scripts/postmortem.ts), on
 * recorded histories, a Stepscope export and broken files.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importFiles } from "@/lib/import";
import { stepscopeExport } from "@/lib/report";

const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.join(ROOT, "tests/fixtures/import");
const FAILED = path.join(FIXTURES, "lambda-retries-failed.history.json");
const scratch = mkdtempSync(path.join(tmpdir(), "stepscope-postmortem-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function postmortem(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/postmortem.ts", ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// Each run starts tsx: seconds apiece on a loaded machine.
describe("postmortem CLI", { timeout: 60_000 }, () => {
  it("prints the Markdown summary of a recorded failed history", async () => {
    const run = await postmortem(FAILED);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n")[0]).toBe("# Postmortem: lambda-retries-failed.history — FAILED");
    expect(run.stdout).toContain("- **Where:** `LambdaTask` (Task)");
    expect(run.stdout).toContain("- **Attempts:** 3 (2 retries)");
    expect(run.stdout).toContain("| `LambdaTask` | Task | failed | +1.000 s | 10.0 s | 3 | Exception |");
  });

  it("with --json prints the model summary: status and every state run", async () => {
    const run = await postmortem(path.join(FIXTURES, "map-8-iterations.history.json"), "--json");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { status: string; runs: { path: string; type: string; status: string; attempts: number; start: string; end: string; error: null }[] };
    expect(summary.status).toBe("SUCCEEDED");
    expect(summary.runs.map((r) => r.path)).toEqual([
      "StartState",
      "MapState",
      ...Array.from({ length: 8 }, (_, i) => `MapState/iteration ${i}/HandleItem`),
      "Final",
    ]);
    expect(summary.runs[1]).toMatchObject({ type: "Map", status: "succeeded", attempts: 0, start: "2023-11-14T22:13:23.000Z", end: "2023-11-14T22:13:58.000Z", error: null });
  });

  it("reads a Stepscope export", async () => {
    const [x] = importFiles([{ name: "h.json", text: await readText(FAILED) }]).executions;
    const file = path.join(scratch, "incident.stepscope.json");
    writeFileSync(file, JSON.stringify(stepscopeExport({ ...x.detail, name: "incident-7" }, x.events, 0)));
    const run = await postmortem(file);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe("# Postmortem: incident-7 — FAILED");
  });

  it("exits 2 with one clear line for a corrupt, a non-history and a missing file", async () => {
    const cases: [string, RegExp][] = [
      [path.join(FIXTURES, "broken/truncated.history.json"), /^postmortem: .*truncated\.history\.json: Not JSON: .+ at line \d+, column \d+\.\n$/],
      [path.join(FIXTURES, "broken/bad-event-id.history.json"), /^postmortem: .*: Event 12 \(index 11\): `id` must be a positive integer\.\n$/],
      [path.join(FIXTURES, "broken/not-a-history.json"), /^postmortem: .*: JSON, but not a Step Functions history: .+\n$/],
      [path.join(scratch, "missing.json"), /^postmortem: .*missing\.json: no such file\n$/],
    ];
    const runs = await Promise.all(cases.map(([file]) => postmortem(file)));
    runs.forEach((run, i) => {
      expect(run.code, cases[i][0]).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(cases[i][1]);
    });
  }, 120_000);

  it("exits 2 with its usage when no file is given", async () => {
    const run = await postmortem();
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("postmortem: no file given; usage: npm run postmortem -- FILE [MORE_FILES…] [--json]\n");
  });
});

async function readText(file: string): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  return readFile(file, "utf8");
}
