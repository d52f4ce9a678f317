// `npm test`: every test. Builds the production app once (into .next-test, so a developer's
// running `npm start` is untouched), then runs vitest over unit, integration and end-to-end
// tests, and closes with one plain summary line.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { buildIfStale } from "./build-if-stale.mjs";

const distDir = process.env.STEPSCOPE_DIST_DIR || ".next-test";
process.env.STEPSCOPE_DIST_DIR = distDir;
process.env.NEXT_TELEMETRY_DISABLED = "1";
buildIfStale(distDir);

const report = path.join("test-results", "vitest.json");
rmSync(report, { force: true });
const args = [path.join("node_modules", "vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { stdio: "inherit", env: process.env });

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed = json.numPassedTests ?? 0;
  failed = json.numFailedTests ?? 0;
  // A file that fails to load has no failed test of its own: count it so the line never says 0.
  if (!json.success && failed === 0) failed = Math.max(1, json.numFailedTestSuites ?? 0);
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
const status = run.status === 0 && failed === 0 && passed > 0 ? 0 : 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(status);
