// Builds the production app when there is no build yet, or when a source file is newer than it.
// `npm start` and the test runner share this so a fresh clone needs no separate build step.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "mocks", "instrumentation.ts", "next.config.js", "package.json", "tsconfig.json"];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const st = statSync(entry);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

export function buildIfStale(distDir = ".next") {
  const buildId = path.join(distDir, "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map(newestMtime));
  if (builtAt > changedAt) return;
  console.log(builtAt ? `[stepscope] sources changed since the last build; building (${distDir})…` : `[stepscope] first run: building the app (${distDir})…`);
  const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, STEPSCOPE_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error("[stepscope] the build failed; see above.");
    process.exit(result.status ?? 1);
  }
}
