/**
 * Rows per multi-row statement: well under SQLite's and Postgres's bound-parameter limits, and
 * one round trip per chunk rather than per row (under load each round trip waits for its turn).
 */
export const INSERT_CHUNK = 400;

export function* chunks<T>(items: readonly T[], size = INSERT_CHUNK): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
