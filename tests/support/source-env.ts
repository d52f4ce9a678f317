/**
 * The environment of a test of several sources, around a describe block: the variables that would
 * pick another source are cleared, the test's own are set, and the configuration, the default SDK
 * context, the source registry and the fleet service are built afresh, then put back afterwards.
 */
import { afterAll, beforeAll } from "vitest";
import { resetConfig } from "@/lib/config/env";
import { resetSfnContext } from "@/lib/sfn";
import { resetFleetService } from "@/lib/server/fleet-service";
import { resetSourceRegistry } from "@/lib/server/sources/registry";

/** What would otherwise decide the source, the events queue or the credentials of a test. */
const CLEARED = ["AWS_ENDPOINT_URL_SFN", "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "STEPSCOPE_SOURCE", "STEPSCOPE_SOURCES", "STEPSCOPE_CONFIG", "STEPSCOPE_EVENTS_QUEUE_URL"];

/**
 * Call inside `describe`, after any `beforeAll` whose results `env` reads (a server's port): `env`
 * is read when the block starts. Calls give up after one attempt, so a refused call is seen at once.
 */
export function useSourceEnv(env: () => Record<string, string>): void {
  const saved = { ...process.env };
  beforeAll(() => {
    for (const key of CLEARED) delete process.env[key];
    Object.assign(process.env, { STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }, env());
    resetConfig();
    resetSfnContext();
  });
  afterAll(async () => {
    await resetSourceRegistry();
    await resetFleetService();
    process.env = saved;
    resetConfig();
    resetSfnContext();
  });
}
