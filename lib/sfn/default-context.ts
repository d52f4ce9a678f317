/** The process-wide context shared by every route handler (one client, one cache). */
import { createSfnContext, type SfnContext } from "./context";

let shared: SfnContext | undefined;

export function getSfnContext(): SfnContext {
  shared ??= createSfnContext();
  return shared;
}

/** Drop the shared context (tests that change the environment or need a cold cache). */
export function resetSfnContext(): void {
  shared?.client.destroy();
  shared = undefined;
}
