/**
 * CloudWatch figures read once for every instance: the lease holder reads the AWS/States
 * metrics of the fleet's routine windows and keeps them here, the other instances answer
 * from them. `metric_demand` is which windows someone looked at lately, so nobody watching
 * costs no calls.
 */
import type { Kysely, Migration } from "kysely";

export const metricFigures: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("metric_figures")
      .addColumn("window_label", "text", (c) => c.notNull())
      .addColumn("machine_arn", "text", (c) => c.notNull())
      // The machine's figures as JSON (MachineMetricFigures), or null when the read failed.
      .addColumn("figures", "text")
      .addColumn("error", "text")
      .addColumn("read_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("metric_figures_pk", ["window_label", "machine_arn"])
      .execute();
    await db.schema
      .createTable("metric_demand")
      .addColumn("window_label", "text", (c) => c.primaryKey())
      .addColumn("asked_at", "bigint", (c) => c.notNull())
      .execute();
  },
};
