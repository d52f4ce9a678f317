/**
 * The one SFN client, built from the configuration. The three sources differ only here.
 *
 * Server only: lib/sfn is the only importer of @aws-sdk/*, and nothing under lib/sfn may be
 * imported from client components (credentials and the SDK stay on the server).
 */
import { SFNClient, type SFNClientConfig } from "@aws-sdk/client-sfn";
import type { StepscopeConfig } from "@/lib/config/env";
import { displayEndpoint } from "@/lib/security/endpoint-display";
import { DEMO_ENDPOINT } from "@/mocks/contract";
import { sourceCredentials } from "./credentials";
import { createRetryStrategy } from "./retry-strategy";
import { requestHandlerFor } from "./request-handler";

// Emulators accept any credentials but the SDK still signs requests, so it needs some.
const PLACEHOLDER_CREDENTIALS = { accessKeyId: "stepscope", secretAccessKey: "stepscope" };

export function createSfnClient(config: StepscopeConfig): SFNClient {
  const common: SFNClientConfig = {
    region: config.region,
    // Our own strategy: throttles are answered at once, not slept on (see retry-strategy.ts).
    retryStrategy: createRetryStrategy(config.maxAttempts),
    maxAttempts: config.maxAttempts,
    requestHandler: requestHandlerFor(config),
  };
  switch (config.source) {
    case "demo":
      // A configured demo scope has its own endpoint; the implicit demo source answers at DEMO_ENDPOINT.
      return new SFNClient({ ...common, endpoint: config.endpoint ?? DEMO_ENDPOINT, credentials: PLACEHOLDER_CREDENTIALS });
    case "emulator":
      // The SDK reads AWS_ENDPOINT_URL_SFN itself; passing it too keeps a parsed config self-contained.
      return new SFNClient({
        ...common,
        endpoint: config.endpoint,
        ...(config.hasCredentials ? sourceCredentials(config) : { credentials: PLACEHOLDER_CREDENTIALS }),
      });
    case "aws":
      return new SFNClient({ ...common, ...sourceCredentials(config) });
  }
}

/** How the endpoint is named in error messages. */
export function endpointLabel(config: StepscopeConfig): string {
  switch (config.source) {
    case "demo":
      return `the demo account (${config.endpoint ?? DEMO_ENDPOINT})`;
    case "emulator":
      return config.endpoint ? displayEndpoint(config.endpoint) : "the emulator";
    case "aws":
      return `AWS ${config.region}`;
  }
}
