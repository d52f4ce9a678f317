/**
 * The SDK's HTTP timeouts, for every client of a source (Step Functions, CloudWatch Logs, CloudWatch).
 *
 * The demo account answers inside this process (msw), and msw's stand-in socket only "connects"
 * once the answer is ready: the connection timeout would time the simulator's work, not a
 * connection, and cut off a cold page planned on a loaded machine. So the demo has none; the
 * request timeout bounds it as it bounds every source.
 */
import type { StepscopeConfig } from "@/lib/config/env";

export interface RequestHandlerTimeouts {
  /** ms to establish a connection; 0: none. */
  connectionTimeout: number;
  /** ms of a request without an answer. */
  requestTimeout: number;
}

export function requestHandlerFor(config: Pick<StepscopeConfig, "source">): RequestHandlerTimeouts {
  return { connectionTimeout: config.source === "demo" ? 0 : 3_000, requestTimeout: 15_000 };
}
