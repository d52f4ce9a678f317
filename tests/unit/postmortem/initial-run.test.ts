/**
 * What an execution page opens on, over the whole recorded corpus: a failure opens on the run
 * that caused it; any other finished execution on its slowest state, never on an empty panel.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { foldHistory } from "@/lib/history";
import { initialRunPath } from "@/lib/postmortem/select-run";
import { corpusFiles } from "../history/histories";

const CORPUS_DIR = path.resolve(__dirname, "../../fixtures/aws-histories");

describe("the run an execution page opens on", () => {
  const models = corpusFiles().map((file) => ({ file, model: foldHistory(JSON.parse(readFileSync(path.join(CORPUS_DIR, file), "utf8")).events) }));

  it("is the slowest finished state of every succeeded execution that ran a state", () => {
    const succeeded = models.filter(({ model }) => model.status === "SUCCEEDED" && model.runs.some((r) => r.exitedAt !== undefined && !r.branches && !r.iterations));
    expect(succeeded.length).toBeGreaterThan(50);
    for (const { file, model } of succeeded) {
      const path = initialRunPath(model, null);
      const run = model.runs.find((r) => r.path === path);
      expect(run, file).toBeDefined();
      const leaves = model.runs.filter((r) => r.exitedAt !== undefined && !r.branches && !r.iterations && r.type !== "Parallel" && r.type !== "Map");
      const longest = Math.max(...leaves.map((r) => r.exitedAt! - r.enteredAt));
      expect(run!.exitedAt! - run!.enteredAt, file).toBe(longest);
    }
  });

  it("is still the failing run of a failed execution, and what the URL names when it exists", () => {
    const failed = models.filter(({ model }) => model.failedRunPath);
    expect(failed.length).toBeGreaterThan(10);
    for (const { model } of failed) expect(initialRunPath(model, null)).toBe(model.failedRunPath);
    const { model } = failed[0];
    expect(initialRunPath(model, model.runs[0].path)).toBe(model.runs[0].path);
    expect(initialRunPath(model, "no such state")).toBeUndefined();
  });
});
