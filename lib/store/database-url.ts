/**
 * Where the store lives, read from STEPSCOPE_DATABASE_URL. Pure: the value is passed in.
 *
 * - unset: a SQLite file at `.stepscope/stepscope.db` under the working directory
 * - `sqlite:/path/to/file.db` (or `sqlite:relative/path.db`, `file:…`)
 * - `postgres://…` / `postgresql://…`: a Postgres database several instances can share
 * - `memory`: nothing outlives the process (SQLite in memory)
 */
import path from "node:path";

export type DatabaseLocation =
  | { kind: "sqlite"; file: string }
  | { kind: "memory" }
  | { kind: "postgres"; url: string; /** For messages: the URL without its password. */ label: string };

export const DEFAULT_SQLITE_FILE = path.join(".stepscope", "stepscope.db");

export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUrlError";
  }
}

export function parseDatabaseUrl(value: string | undefined, cwd: string): DatabaseLocation {
  const raw = value?.trim();
  if (!raw) return { kind: "sqlite", file: path.resolve(cwd, DEFAULT_SQLITE_FILE) };
  if (raw === "memory" || raw === ":memory:") return { kind: "memory" };
  const sqlite = /^(?:sqlite|file):(?:\/\/)?(.+)$/.exec(raw);
  if (sqlite) {
    const file = sqlite[1];
    if (file === ":memory:") return { kind: "memory" };
    return { kind: "sqlite", file: path.resolve(cwd, file) };
  }
  if (/^postgres(?:ql)?:\/\//.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new DatabaseUrlError("STEPSCOPE_DATABASE_URL is not a valid postgres:// URL (postgres://user:password@host:5432/database)");
    }
    if (url.password) url.password = "***";
    return { kind: "postgres", url: raw, label: url.toString() };
  }
  throw new DatabaseUrlError(
    "STEPSCOPE_DATABASE_URL must be sqlite:/path/to/file.db, postgres://user@host:5432/database or memory (unset: a SQLite file at .stepscope/stepscope.db)",
  );
}

export function describeLocation(location: DatabaseLocation): string {
  switch (location.kind) {
    case "sqlite":
      return `the SQLite file ${location.file}`;
    case "memory":
      return "memory (nothing is kept across restarts)";
    case "postgres":
      return `the Postgres database ${location.label}`;
  }
}
