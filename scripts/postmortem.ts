/**
 * `npm run postmortem -- FILE [MORE_FILES…] [--json]`: the Markdown postmortem summary of a
 * history file (`aws stepfunctions get-execution-history --output json`) or a Stepscope export,
 * or with `--json` the model's summary for bots and CI. Extra files (describe-execution output,
 * the definition) are matched to the history as on the /import page. A bad file exits with
 * code 2 and one line saying why.
 */
import { readFileSync } from "node:fs";
import { importFiles } from "@/lib/import";
import { modelSummary, postmortemMarkdown } from "@/lib/report";

const USAGE = "usage: npm run postmortem -- FILE [MORE_FILES…] [--json]";

function main(argv: string[]): number {
  const json = argv.includes("--json");
  const unknown = argv.filter((a) => a.startsWith("--") && a !== "--json");
  const paths = argv.filter((a) => !a.startsWith("--"));
  if (unknown.length > 0) return fail(`unknown option ${unknown[0]}; ${USAGE}`);
  if (paths.length === 0) return fail(`no file given; ${USAGE}`);

  const inputs: { name: string; text: string }[] = [];
  for (const path of paths) {
    try {
      inputs.push({ name: path, text: readFileSync(path, "utf8") });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return fail(`${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a file" : "cannot be read"}`);
    }
  }
  const result = importFiles(inputs);
  for (const file of result.files) {
    if (file.kind === "error") return fail(`${file.fileName}: ${file.message}`);
  }
  const execution = result.executions[0];
  if (!execution) {
    return fail(`${paths[0]}: not a history — give a get-execution-history output or a Stepscope export (a description or definition alone has no state runs)`);
  }
  for (const note of result.notes) process.stderr.write(`postmortem: note: ${note}\n`);
  process.stdout.write(json ? `${JSON.stringify(modelSummary(execution.model), null, 2)}\n` : postmortemMarkdown(execution.detail, execution.model));
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`postmortem: ${message.replace(/\s*\n\s*/g, " ")}\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
