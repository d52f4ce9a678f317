/** Loads the ASL definitions under tests/fixtures/asl-definitions. */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

export const CORPUS_DIR = path.resolve(__dirname, "../../fixtures/asl-definitions");

export interface CorpusFile {
  file: string;
  origin: string;
  definition: unknown;
}

export function corpusFiles(sub = ""): CorpusFile[] {
  const dir = path.join(CORPUS_DIR, sub);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const raw = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { origin: string; definition?: unknown; definitionText?: string };
      return { file, origin: raw.origin, definition: raw.definitionText ?? raw.definition };
    });
}

/** Every state name in a definition, found independently of lib/asl. */
export function allStateNames(scope: unknown): string[] {
  const states = (scope as { States?: Record<string, Record<string, unknown>> }).States ?? {};
  const names: string[] = [];
  for (const [name, state] of Object.entries(states)) {
    names.push(name);
    for (const branch of (state.Branches as unknown[]) ?? []) names.push(...allStateNames(branch));
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) names.push(...allStateNames(processor));
  }
  return names;
}
