/** Reads the import fixtures (recorded histories and definitions, see tests/fixtures/import/README.md). */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { HistoryEvent } from "@/lib/history/events";

export const FIXTURES = path.resolve(__dirname, "../../fixtures/import");

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, name), "utf8");
}

export function fixtureEvents(name: string): HistoryEvent[] {
  return (JSON.parse(fixtureText(name)) as { events: HistoryEvent[] }).events;
}
