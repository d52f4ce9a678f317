/**
 * The condition of a keyset page: the rows past the previous page's last row in an order by one
 * key, then the ARN. One rule for every paged read, so no read can skip or repeat the rows that
 * tie on the key (thousands of executions can share a start second).
 */
import "@/lib/server/server-only";
import type { ExpressionBuilder } from "kysely";
import type { StoreSchema } from "./schema";

type Eb = ExpressionBuilder<StoreSchema, "executions">;

/** A column of the executions table that orders a page, in either spelling Kysely accepts. */
type KeyColumn = "started_at" | "updated_at" | "executions.started_at" | "executions.updated_at";
type ArnColumn = "arn" | "executions.arn";

export interface KeysetOrder {
  key: KeyColumn;
  keyDescending: boolean;
  arn: ArnColumn;
  arnDescending: boolean;
}

/** Rows after (`key`, `arn`) in `order`: key strictly past, or the same key and the ARN past. */
export function pastRow(eb: Eb, order: KeysetOrder, last: { key: number; arn: string }) {
  const keyPast = order.keyDescending ? "<" : ">";
  const arnPast = order.arnDescending ? "<" : ">";
  return eb.or([eb(order.key, keyPast, last.key), eb.and([eb(order.key, "=", last.key), eb(order.arn, arnPast, last.arn)])]);
}
