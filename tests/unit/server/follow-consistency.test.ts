/**
 * A process that follows what another instance's poller stores reads two things: the rows
 * written since it last looked and the machine's listing cursor. The poller commits both in one
 * transaction, but the follower's two reads are two statements (on Postgres, two connections of
 * a pool), and a commit can land between them. Read cursor first, rows second, the rows hold at
 * least what that cursor vouches for; the other way round, a cursor could claim an execution
 * whose row was not read, and the follower would show the machine complete without it.
 */
import { describe, expect, it } from "vitest";
import { encodeCheckpoint } from "@/lib/server/checkpoint-json";
import { StoreIndexPersistence } from "@/lib/server/index-persistence";
import type { ListingCursor, Store, StoredExecution } from "@/lib/store";

const MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
const T0 = Date.UTC(2026, 11, 1);

const row = (i: number): StoredExecution => ({
  arn: `arn:aws:states:us-east-1:123456789012:execution:orders:run-${i}`,
  name: `run-${i}`,
  stateMachineArn: MACHINE,
  status: "SUCCEEDED",
  startedAt: T0 + i * 1_000,
  stoppedAt: T0 + i * 1_000 + 500,
});

const cursorThrough = (newestStart: number): ListingCursor => ({
  state: encodeCheckpoint({ newestStart, coveredFrom: T0, tasks: [], refreshedAt: newestStart }),
  completeFrom: T0,
  partial: false,
  updatedAt: newestStart,
});

/** A store whose poller commits run-2 (its row and its cursor together) right after the follower's first read. */
function storeWithCommitAfterFirstRead(): Store {
  let committed = false;
  let reads = 0;
  const afterRead = () => {
    if (++reads === 1) committed = true;
  };
  return {
    async changedSince() {
      const executions = committed ? [row(1), row(2)] : [row(1)];
      afterRead();
      return { executions, updatedUpTo: T0 + (committed ? 2 : 1) * 1_000 };
    },
    async cursor() {
      const cursor = cursorThrough(T0 + (committed ? 2 : 1) * 1_000);
      afterRead();
      return cursor;
    },
  } as unknown as Store;
}

describe("following what another instance stores", () => {
  it("never gets a cursor newer than the rows it read, when a commit lands between the two reads", async () => {
    const persistence = new StoreIndexPersistence(storeWithCommitAfterFirstRead(), { mayPoll: () => false, now: () => T0 });
    const followed = await persistence.changedSince(MACHINE, T0 - 1);
    const newestRead = Math.max(...followed.executions.map((e) => e.startedAt));
    expect(followed.checkpoint!.newestStart).toBeLessThanOrEqual(newestRead);
  });
});
