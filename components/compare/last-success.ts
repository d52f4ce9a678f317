/**
 * The executions-list query behind "compare with last success": the newest success that started
 * before this execution (not one that ran after it, which is not what it should have done). Pure.
 */
export function lastSuccessBefore(execution: { startedAt: number }): { status: "SUCCEEDED"; to: number; limit: 1 } {
  return { status: "SUCCEEDED", to: execution.startedAt - 1, limit: 1 };
}
