/**
 * What the Node server does once at start, before the first request: refuses settings it cannot
 * honour (exiting with the message, where the operator looks), puts the simulated account behind
 * the SDK's endpoint in demo mode (msw intercepts the SDK's requests in this process), opens the
 * store and starts each scope's service. instrumentation.ts imports it only in the Node runtime,
 * so none of it (process.exit, msw, the SDK) is compiled for the edge.
 */
import "./server-only";

export async function boot(): Promise<void> {
  const { loadConfig, sourceInfo, ConfigError } = await import("@/lib/config/env");
  // Security settings are refused at start-up rather than on the first request: a redaction
  // path that cannot be read would otherwise leave a server running that masks nothing.
  const { parseSecuritySettings } = await import("@/lib/security/settings");
  const { parseHostPolicy } = await import("@/lib/security/host-policy");
  try {
    parseSecuritySettings(process.env);
    parseHostPolicy(process.env);
  } catch (error) {
    stopStartUpOn((e) => e instanceof ConfigError, error);
  }
  (await import("@/lib/security/refuse-unfetchable-methods")).refuseUnfetchableMethods();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    // Routes answer with the same message; say it once at start-up where the operator looks.
    if (error instanceof ConfigError) {
      console.error(`[stepscope] ${error.message}`);
      return;
    }
    throw error;
  }
  // The sources (a config file or STEPSCOPE_SOURCES): a broken list stops start-up, naming the file and the field.
  const { loadScopes } = await import("@/lib/config/sources");
  let scopes;
  try {
    scopes = loadScopes();
  } catch (error) {
    stopStartUpOn((e) => e instanceof ConfigError, error);
  }
  const demoScopes = scopes.filter((s) => s.kind === "demo");
  if (demoScopes.length > 0) {
    const [{ setupServer }, demo, demoEvents] = await Promise.all([import("msw/node"), import("@/mocks"), import("@/mocks/events")]);
    const organisation = demoScopes.some((s) => s.implicit) ? demo.createDemoOrganisation({ seed: config.demoSeed }) : undefined;
    // Configured demo sources: one simulated account per scope, at that scope's endpoints.
    const configured = demoScopes.filter((s) => !s.implicit).map((s) => demo.createDemoAccount({ seed: s.demoSeed ?? config.demoSeed, scope: s.id, accountId: s.accountId }));
    // The simulated events queue of the first scope's account, which the demo consumes by default (STEPSCOPE_EVENTS_QUEUE_URL=off turns it off).
    const first = organisation?.account(demo.MAIN_DEMO_SCOPE.id) ?? configured[0];
    const eventsHandlers = first && config.eventsQueueUrl === demoEvents.DEMO_EVENTS_QUEUE_URL ? demoEvents.createDemoEventsHandlers(new demoEvents.DemoEventsQueue(first)) : [];
    setupServer(
      ...(organisation ? demo.createDemoOrganisationHandlers(organisation) : []),
      ...configured.flatMap((account) => demo.createDemoHandlers(account)),
      ...eventsHandlers,
    ).listen({ onUnhandledRequest: "bypass" });
  }
  // The store opens at boot: a database that is not ours stops the server here, naming it.
  const [{ sourceRegistry, scopeService, resetSourceRegistry }, { resetFleetService }, { stopOnSignals }] = await Promise.all([
    import("@/lib/server/sources/registry"),
    import("@/lib/server/fleet-service"),
    import("@/lib/server/clean-shutdown"),
  ]);
  try {
    const registry = sourceRegistry();
    await scopeService(registry.scopes[0]);
    // The other scopes join the first one's store and lease; one that cannot start says so and is retried on use.
    for (const scope of registry.scopes.slice(1)) {
      scopeService(scope).catch((error) => console.error(`[stepscope] ${scope.id}: ${(error as Error).message}`));
    }
    // SIGTERM/SIGINT: finish the round, save what is unsaved and give the poller lease up before exiting
    // (the joined scopes first, then the first scope's service, which owns the store and the lease).
    stopOnSignals(async () => {
      await resetSourceRegistry();
      await resetFleetService();
    });
  } catch (error) {
    stopStartUpOn((e) => ["StoreOpenError", "DatabaseUrlError"].includes((e as Error).name), error);
  }
  if (!scopes[0].implicit) {
    console.log(`[stepscope] reading Step Functions from ${scopes.length} account × Region scopes: ${scopes.map((s) => s.id).join(", ")}`);
    return;
  }
  const source = sourceInfo(config);
  const where = source.kind === "demo" ? `the demo account (simulated, no AWS calls)${scopes.length > 1 ? `, an organisation of ${scopes.length} account × Region scopes: ${scopes.map((s) => s.id).join(", ")}` : ""}` : source.kind === "emulator" ? `the emulator at ${source.label}` : `${source.label} (default credential chain)`;
  console.log(`[stepscope] reading Step Functions from ${where}`);
}

/**
 * Ends start-up on an error `fatal` recognises (a setting or a database that cannot be used):
 * its message where the operator looks, and exit code 1 rather than a server that half works.
 * Any other error is thrown on.
 */
function stopStartUpOn(fatal: (error: unknown) => boolean, error: unknown): never {
  if (fatal(error)) {
    console.error(`[stepscope] ${(error as Error).message}`);
    process.exit(1);
  }
  throw error;
}
