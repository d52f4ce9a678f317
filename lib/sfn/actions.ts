/**
 * The two changes Stepscope can make, both off unless STEPSCOPE_ALLOW_ACTIONS=true (send()
 * refuses them otherwise). After either, the cached description and history are dropped so
 * the next poll shows the execution's new state at once.
 */
import { RedriveExecutionCommand, StopExecutionCommand } from "@aws-sdk/client-sfn";
import { send, type SfnContext } from "./context";

function forget(ctx: SfnContext, executionArn: string): void {
  ctx.cache.delete(`execution:${executionArn}`);
  // The history keeps its events (a stop or redrive only appends); marking it stale makes the next poll fetch the tail.
  const history = ctx.cache.get<{ syncedAt: number }>(`history:${executionArn}`);
  if (history) history.syncedAt = 0;
}

export async function stopExecution(ctx: SfnContext, executionArn: string, cause: string): Promise<void> {
  await send(ctx, "StopExecution", new StopExecutionCommand({ executionArn, error: "Stepscope.Stopped", cause }));
  forget(ctx, executionArn);
}

export async function redriveExecution(ctx: SfnContext, executionArn: string): Promise<void> {
  await send(ctx, "RedriveExecution", new RedriveExecutionCommand({ executionArn }));
  forget(ctx, executionArn);
}
