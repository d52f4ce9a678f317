/**
 * `npm run bench`: runs every tests/bench/*.bench.ts (each exports `figures()`), prints one
 * line per figure, or a JSON array with `--json`. Pass names to run only some files:
 * `npm run bench -- history asl`.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Figure } from "./figure";

async function main() {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const only = args.filter((a) => !a.startsWith("--"));
  const dir = path.dirname(new URL(import.meta.url).pathname);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  const all: Figure[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as {
      figures: () => Promise<Figure[]>;
    };
    const figures = await mod.figures();
    for (const f of figures) {
      all.push(f);
      if (!json) console.log(formatLine(f));
    }
  }
  if (json) console.log(JSON.stringify(all, null, 2));
}

function formatLine(f: Figure): string {
  if (f.unit === "ratio") {
    // Ratio figures time two things in the same run; the ratio is what compares across machines.
    const u = f.measuredIn ?? "ms";
    return `${f.name}: ratio ${f.ratio ?? "n/a"} (${f.value} ${u} against a baseline of ${f.baseline ?? "n/a"} ${u}; target ${f.target})`;
  }
  const base = f.baseline === null ? "" : ` (baseline ${f.baseline} ms, ratio ${f.ratio ?? "n/a"})`;
  return `${f.name}: ${f.value} ${f.unit}${base}; target ${f.target}`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
