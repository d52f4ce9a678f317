/**
 * How a configured source signs in: its profile as the SDK resolves profiles (role_arn with
 * source_profile, SSO, credential_process), or a role assumed with STS from the profile's or
 * the default chain's credentials. Nothing set: the SDK's default chain, as before.
 *
 * Server only: lib/sfn is the only importer of @aws-sdk/*.
 */
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentityProvider } from "@aws-sdk/types";
import type { StepscopeConfig } from "@/lib/config/env";

export function sourceCredentials(config: StepscopeConfig): { credentials?: AwsCredentialIdentityProvider } {
  if (!config.profile && !config.roleArn) return {};
  const base = config.profile ? fromIni({ profile: config.profile }) : undefined;
  if (!config.roleArn) return { credentials: base };
  return {
    credentials: fromTemporaryCredentials({
      params: { RoleArn: config.roleArn, RoleSessionName: "stepscope", DurationSeconds: 3600 },
      masterCredentials: base ?? fromNodeProviderChain(),
      clientConfig: { region: config.region },
    }),
  };
}
