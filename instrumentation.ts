/**
 * Runs once when the Next server starts. In demo mode it puts the simulated account behind
 * the SDK's endpoint (msw intercepts the SDK's requests in this process). Dynamic imports keep
 * msw, the demo account and the SDK out of the edge runtime.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { loadConfig, sourceInfo, ConfigError } = await import("./lib/config/env");
  // Security settings are refused at start-up rather than on the first request: a redaction
  // path that cannot be read would otherwise leave a server running that masks nothing.
  const { parseSecuritySettings } = await import("./lib/security/settings");
  const { parseHostPolicy } = await import("./lib/security/host-policy");
  try {
    parseSecuritySettings(process.env);
    parseHostPolicy(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[stepscope] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  (await import("./lib/security/refuse-unfetchable-methods")).refuseUnfetchableMethods();
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
  if (config.source === "demo") {
    const [{ setupServer }, demo, demoEvents] = await Promise.all([import("msw/node"), import("./mocks"), import("./mocks/events")]);
    const account = demo.createDemoAccount({ seed: config.demoSeed });
    // The simulated events queue, which the demo consumes by default (STEPSCOPE_EVENTS_QUEUE_URL=off turns it off).
    const eventsHandlers = config.eventsQueueUrl === demoEvents.DEMO_EVENTS_QUEUE_URL ? demoEvents.createDemoEventsHandlers(new demoEvents.DemoEventsQueue(account)) : [];
    setupServer(...demo.createDemoHandlers(account), ...eventsHandlers).listen({ onUnhandledRequest: "bypass" });
  }
  // The store opens at boot: a database that is not ours stops the server here, naming it.
  const [{ fleetService }, { getSfnContext }] = await Promise.all([import("./lib/server/fleet-service"), import("./lib/sfn/default-context")]);
  try {
    await fleetService(getSfnContext(), config);
  } catch (error) {
    const name = (error as Error).name;
    if (name === "StoreOpenError" || name === "DatabaseUrlError") {
      console.error(`[stepscope] ${(error as Error).message}`);
      process.exit(1);
    }
    throw error;
  }
  const source = sourceInfo(config);
  const where = source.kind === "demo" ? "the demo account (simulated, no AWS calls)" : source.kind === "emulator" ? `the emulator at ${source.label}` : `${source.label} (default credential chain)`;
  console.log(`[stepscope] reading Step Functions from ${where}`);
}
