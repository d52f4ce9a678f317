/**
 * A Step Functions history event as it arrives from GetExecutionHistory, through the SDK
 * (timestamp as Date), from the CLI / a recorded file (epoch seconds or ISO string), or from
 * our own API (epoch milliseconds after `normaliseEvent`).
 *
 * Deliberately loose: every `*EventDetails` field is kept as-is so that event types we do not
 * know still travel and can be shown raw. This module imports nothing from the SDK: lib/history
 * is pure and runs in the browser, in tests and in the CLI.
 */
export interface HistoryEvent {
  id: number;
  previousEventId?: number;
  timestamp: Date | number | string;
  type: string;
  [detailsKey: string]: unknown;
}
