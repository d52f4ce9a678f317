/**
 * The process-wide context shared by every route handler (one client, one cache): the first
 * scope's. Other scopes' contexts live in the source registry (lib/server/sources).
 */
import { loadScopes } from "@/lib/config/sources";
import { createSfnContext, type SfnContext } from "./context";

// On globalThis: Next bundles instrumentation (which starts the background poller) and each
// route separately, and they must share one client, one cache and one set of token buckets.
const KEY = Symbol.for("stepscope.sfnContext");
type Holder = { [KEY]?: SfnContext };

export function getSfnContext(): SfnContext {
  const holder = globalThis as Holder;
  holder[KEY] ??= createSfnContext(loadScopes()[0].config);
  return holder[KEY];
}

/** Drop the shared context (tests that change the environment or need a cold cache). */
export function resetSfnContext(): void {
  const holder = globalThis as Holder;
  holder[KEY]?.client.destroy();
  holder[KEY] = undefined;
}
