/**
 * CloudWatch figures kept for every instance of a shared store: the lease holder writes what it
 * read per routine window and machine, every instance reads them. Which windows are wanted is
 * kept beside them. Times are the database's clock, so instances' clocks never disagree on
 * what is fresh. The figures are opaque here (JSON written and read by lib/server).
 */
import "@/lib/server/server-only";
import { sql } from "kysely";
import { chunks } from "./chunks";
import { databaseNowMs } from "./lease";
import type { Store } from "./store";

type FiguresStore = Pick<Store, "db" | "dialect">;

export interface StoredFigures {
  machineArn: string;
  /** JSON, or null when the last read failed and nothing was read before. */
  figures: string | null;
  /** Why the last read failed; absent when it succeeded. */
  error?: string;
  /** How long ago they were read (the database's clock). */
  ageMs: number;
}

/** Someone looked at `label`: the holder reads its figures while anyone keeps looking. */
export async function noteFiguresWanted(store: FiguresStore, label: string): Promise<void> {
  const now = databaseNowMs(store);
  await store.db
    .insertInto("metric_demand")
    .values({ window_label: label, asked_at: now })
    .onConflict((oc) => oc.column("window_label").doUpdateSet({ asked_at: now }))
    .execute();
}

/** The windows someone looked at within the last `withinMs`. */
export async function wantedFigureWindows(store: FiguresStore, withinMs: number): Promise<string[]> {
  const rows = await store.db
    .selectFrom("metric_demand")
    .select("window_label")
    .where("asked_at", ">", sql<number>`${databaseNowMs(store)} - ${withinMs}`)
    .execute();
  return rows.map((r) => r.window_label);
}

/** What was read. A failed read keeps the figures read before it, with the reason beside them. */
export async function putFigures(store: FiguresStore, label: string, rows: readonly { machineArn: string; figures?: string; error?: string }[]): Promise<void> {
  if (rows.length === 0) return;
  const now = databaseNowMs(store);
  await store.db.transaction().execute(async (trx) => {
    for (const chunk of chunks(rows)) {
      await trx
        .insertInto("metric_figures")
        .values(chunk.map((row) => ({ window_label: label, machine_arn: row.machineArn, figures: row.figures ?? null, error: row.error ?? null, read_at: now })))
        .onConflict((oc) =>
          oc.columns(["window_label", "machine_arn"]).doUpdateSet((eb) => ({
            // A failed read (no figures) keeps what was read before it.
            figures: sql<string | null>`coalesce(excluded.figures, metric_figures.figures)`,
            error: eb.ref("excluded.error"),
            read_at: eb.ref("excluded.read_at"),
          })),
        )
        .execute();
    }
  });
}

/** The stored figures of `machineArns` over `label`, with their age. */
export async function storedFigures(store: FiguresStore, label: string, machineArns: readonly string[]): Promise<Map<string, StoredFigures>> {
  const out = new Map<string, StoredFigures>();
  if (machineArns.length === 0) return out;
  const rows = await store.db
    .selectFrom("metric_figures")
    .select(["machine_arn", "figures", "error", sql<number | string>`${databaseNowMs(store)} - read_at`.as("age")])
    .where("window_label", "=", label)
    .where("machine_arn", "in", [...machineArns])
    .execute();
  for (const r of rows) out.set(r.machine_arn, { machineArn: r.machine_arn, figures: r.figures, ...(r.error ? { error: r.error } : {}), ageMs: Number(r.age) });
  return out;
}
