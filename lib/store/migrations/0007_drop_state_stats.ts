/**
 * The per-state statistics table goes: nothing but tests ever wrote it. The machine page's
 * per-state figures are folded from the stored histories (read once ever, kept compressed), so
 * a second copy of them per execution and state was a copy that could disagree.
 */
import type { Kysely, Migration } from "kysely";

export const dropStateStats: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropTable("state_stats").ifExists().execute();
  },
};
