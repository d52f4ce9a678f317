/**
 * The demo account's public face: a simulated Step Functions account, its msw handlers and a
 * standalone HTTP endpoint, all answering through one dispatcher.
 */
export * from "./contract";
export { createDemoAccount } from "./account/create-demo-account";
export { createDemoOrganisation } from "./account/create-demo-organisation";
export type { DemoOrganisation } from "./account/create-demo-organisation";
export { createDemoHandlers, createDemoOrganisationHandlers } from "./transport/msw-handlers";
export { startEmulatorServer } from "./transport/http-server";
export type { EmulatorServer, EmulatorServerOptions } from "./transport/http-server";
export { demoSeedFromEnv } from "./account/seed";
