/**
 * A process that writes to the store as fast as it can, for the crash test: each round commits
 * a batch of executions together with a cursor naming the round, then prints `committed N`.
 * The test SIGKILLs it at some instant and checks what the next process finds.
 * Usage: tsx tests/support/store-writer.ts <database url>
 */
import { openStore, parseDatabaseUrl } from "@/lib/store";

export const CRASH_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:crash";
export const CRASH_BATCH = 300;

async function main(): Promise<void> {
  const url = process.argv[2];
  const store = await openStore(parseDatabaseUrl(url, process.cwd()));
  const previous = await store.cursor(CRASH_MACHINE);
  // Resume after the last committed round, like the index resumes from its cursor.
  let round = previous ? (JSON.parse(previous.state) as { round: number }).round + 1 : 0;
  process.stdout.write(`resuming ${round}\n`);
  const payload = "x".repeat(400);
  for (;;) {
    const executions = Array.from({ length: CRASH_BATCH }, (_, i) => ({
      arn: `${CRASH_MACHINE.replace(":stateMachine:", ":execution:")}:r${round}-${i}`,
      name: `r${round}-${i}`,
      stateMachineArn: CRASH_MACHINE,
      status: "FAILED" as const,
      startedAt: round * CRASH_BATCH + i,
      stoppedAt: round * CRASH_BATCH + i + 1,
      cause: payload,
    }));
    await store.putListing(CRASH_MACHINE, executions, { state: JSON.stringify({ round }), completeFrom: 0, partial: false, updatedAt: round }, Date.now());
    process.stdout.write(`committed ${round}\n`);
    round++;
  }
}

if (process.argv[2]) {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  });
}
