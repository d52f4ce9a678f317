/**
 * The environment, parsed and validated once. Stepscope follows the SDK's own conventions
 * (`AWS_ENDPOINT_URL_SFN`, `AWS_REGION`, `AWS_PROFILE`, the default credential chain) and adds
 * only what the SDK has no word for, under the `STEPSCOPE_` prefix.
 *
 * Server only: it reads `process.env`.
 */
import { z } from "zod";
import type { SourceInfo, SourceKind } from "@/lib/contract/api";
import { displayEndpoint } from "@/lib/security/endpoint-display";
import { DEFAULT_DEMO_SEED, DEMO_ACCOUNT_ID, DEMO_REGION } from "@/mocks/contract";
import { DEMO_EVENTS_QUEUE_URL } from "@/mocks/events/demo-events-queue";
import { errorBrand } from "@/lib/contract/error-brand";

export interface StepscopeConfig {
  source: SourceKind;
  region: string;
  /** The emulator's URL (emulator source only). */
  endpoint?: string;
  demoSeed: number;
  /** Attempts per call, retries of transient failures included (see lib/sfn/retry-strategy.ts). */
  maxAttempts: number;
  /** Deadline for one SDK call, retries included. */
  callTimeoutMs: number;
  /** Budget of the shared server cache, in bytes (entries sized by their JSON length). */
  cacheBytes: number;
  /** STEPSCOPE_FAILURE_READS_PER_SECOND: failed executions' histories read per second for error groups. */
  failureReadsPerSecond: number;
  /** Whether credentials were configured for the SDK's default chain (emulator only cares). */
  hasCredentials: boolean;
  /** CloudWatch Logs and CloudWatch endpoints (emulator only): their own AWS_ENDPOINT_URL_* or the Step Functions one. */
  logsEndpoint?: string;
  metricsEndpoint?: string;
  /** STEPSCOPE_DATABASE_URL as given (lib/store parses it): unset is the default SQLite file. */
  databaseUrl?: string;
  /** How long the store keeps an execution after it started. */
  retentionMs: number;
  /** How long the poller's lease lasts without renewal: another instance takes over within it. */
  leaseMs: number;
  /** STEPSCOPE_INDEX_PAYLOADS: globs over machine names whose payloads are indexed for search ("" when none). */
  indexPayloads: string;
  /** STEPSCOPE_EVENTS_QUEUE_URL: the SQS queue an EventBridge rule feeds with status changes. */
  eventsQueueUrl?: string;
  /** A configured source's AWS profile (as the SDK resolves it: role_arn/source_profile, SSO). */
  profile?: string;
  /** A configured source's role to assume (from `profile`'s credentials, or the default chain's). */
  roleArn?: string;
}

const optionalText = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

const intInRange = (name: string, min: number, max: number) =>
  optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, `${name} must be a whole number`)
      .transform(Number)
      .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`))
      .optional(),
  );

const envSchema = z.object({
  STEPSCOPE_SOURCE: optionalText.pipe(
    z
      .enum(["demo", "emulator", "aws"], {
        error: "STEPSCOPE_SOURCE must be one of demo, emulator, aws (or unset)",
      })
      .optional(),
  ),
  AWS_ENDPOINT_URL_SFN: optionalText.pipe(
    z.url({ protocol: /^https?$/, error: "AWS_ENDPOINT_URL_SFN must be an http(s) URL such as http://localhost:8083" }).optional(),
  ),
  AWS_REGION: optionalText.pipe(
    z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "AWS_REGION must look like us-east-1").optional(),
  ),
  AWS_DEFAULT_REGION: optionalText,
  STEPSCOPE_DEMO_SEED: intInRange("STEPSCOPE_DEMO_SEED", 0, 0xffffffff),
  STEPSCOPE_SFN_MAX_ATTEMPTS: intInRange("STEPSCOPE_SFN_MAX_ATTEMPTS", 1, 10),
  STEPSCOPE_SFN_TIMEOUT_MS: intInRange("STEPSCOPE_SFN_TIMEOUT_MS", 100, 300_000),
  STEPSCOPE_CACHE_MB: intInRange("STEPSCOPE_CACHE_MB", 1, 16_384),
  AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: optionalText.pipe(
    z.url({ protocol: /^https?$/, error: "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS must be an http(s) URL" }).optional(),
  ),
  AWS_ENDPOINT_URL_CLOUDWATCH: optionalText.pipe(z.url({ protocol: /^https?$/, error: "AWS_ENDPOINT_URL_CLOUDWATCH must be an http(s) URL" }).optional()),
  STEPSCOPE_FAILURE_READS_PER_SECOND: intInRange("STEPSCOPE_FAILURE_READS_PER_SECOND", 1, 400),
  AWS_ACCESS_KEY_ID: optionalText,
  AWS_PROFILE: optionalText,
  STEPSCOPE_DATABASE_URL: optionalText,
  STEPSCOPE_RETENTION_DAYS: intInRange("STEPSCOPE_RETENTION_DAYS", 1, 36_500),
  STEPSCOPE_LEASE_SECONDS: intInRange("STEPSCOPE_LEASE_SECONDS", 2, 600),
  STEPSCOPE_EVENTS_QUEUE_URL: optionalText.pipe(
    z
      .enum(["demo", "off"])
      .or(z.url({ protocol: /^https?$/, error: "STEPSCOPE_EVENTS_QUEUE_URL must be an SQS queue URL such as https://sqs.eu-west-1.amazonaws.com/123456789012/stepscope-events, or off (or demo, with the demo account)" }))
      .optional(),
  ),
  STEPSCOPE_INDEX_PAYLOADS: optionalText.pipe(
    z.string().regex(/^[A-Za-z0-9_*?-]+(\s*,\s*[A-Za-z0-9_*?-]+)*$/, "STEPSCOPE_INDEX_PAYLOADS must be comma-separated state machine name globs, e.g. order-*,etl-*").optional(),
  ),
});

const CONFIG_ERROR = errorBrand("ConfigError");

export class ConfigError extends Error {
  /** True for a ConfigError thrown by any bundle's copy of this class (see error-brand). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return CONFIG_ERROR.has(value);
  }

  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
    CONFIG_ERROR.mark(this);
  }
}

/** Parse an environment (pure: pass `process.env` or a literal). Throws ConfigError with every problem listed. */
export function parseConfig(env: Record<string, string | undefined>): StepscopeConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `- ${i.message}`).join("\n");
    throw new ConfigError(`Stepscope cannot start with this environment:\n${problems}`);
  }
  const e = parsed.data;
  const source: SourceKind =
    e.STEPSCOPE_SOURCE === "aws" ? "aws" : e.AWS_ENDPOINT_URL_SFN || e.STEPSCOPE_SOURCE === "emulator" ? "emulator" : "demo";
  if (source === "emulator" && !e.AWS_ENDPOINT_URL_SFN) {
    throw new ConfigError(
      "STEPSCOPE_SOURCE=emulator needs AWS_ENDPOINT_URL_SFN, e.g. http://localhost:8083 (Step Functions Local) or http://localhost:4566 (LocalStack)",
    );
  }
  const configuredRegion = e.AWS_REGION ?? e.AWS_DEFAULT_REGION;
  if (source === "aws" && !configuredRegion) {
    throw new ConfigError("STEPSCOPE_SOURCE=aws needs AWS_REGION (e.g. AWS_REGION=eu-west-1)");
  }
  return {
    source,
    region: source === "demo" ? DEMO_REGION : (configuredRegion ?? "us-east-1"),
    endpoint: source === "emulator" ? e.AWS_ENDPOINT_URL_SFN : undefined,
    demoSeed: e.STEPSCOPE_DEMO_SEED ?? DEFAULT_DEMO_SEED,
    maxAttempts: e.STEPSCOPE_SFN_MAX_ATTEMPTS ?? 4,
    callTimeoutMs: e.STEPSCOPE_SFN_TIMEOUT_MS ?? 20_000,
    cacheBytes: (e.STEPSCOPE_CACHE_MB ?? 64) * 1024 * 1024,
    failureReadsPerSecond: e.STEPSCOPE_FAILURE_READS_PER_SECOND ?? 5,
    hasCredentials: Boolean(e.AWS_ACCESS_KEY_ID || e.AWS_PROFILE),
    // Emulators (moto, LocalStack, the demo's own server) serve every service on one port.
    logsEndpoint: source === "emulator" ? (e.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ?? e.AWS_ENDPOINT_URL_SFN) : undefined,
    metricsEndpoint: source === "emulator" ? (e.AWS_ENDPOINT_URL_CLOUDWATCH ?? e.AWS_ENDPOINT_URL_SFN) : undefined,
    databaseUrl: e.STEPSCOPE_DATABASE_URL,
    retentionMs: (e.STEPSCOPE_RETENTION_DAYS ?? 400) * 86_400_000,
    leaseMs: (e.STEPSCOPE_LEASE_SECONDS ?? 20) * 1000,
    indexPayloads: e.STEPSCOPE_INDEX_PAYLOADS ?? "",
    eventsQueueUrl: eventsQueueUrlOf(source, e.STEPSCOPE_EVENTS_QUEUE_URL),
  };
}

/**
 * The demo account publishes its executions' status changes into a simulated queue, so by
 * default the demo runs the same events path as an account with a queue; `off` turns it off.
 */
function eventsQueueUrlOf(source: SourceKind, setting: string | undefined): string | undefined {
  if (setting === "off") return undefined;
  if (setting === "demo" || (setting === undefined && source === "demo")) return DEMO_EVENTS_QUEUE_URL;
  return setting;
}

let cached: StepscopeConfig | undefined;

/** The process's configuration, parsed on first use. */
export function loadConfig(): StepscopeConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Forget the parsed configuration (tests that change the environment). */
export function resetConfig(): void {
  cached = undefined;
  learnedAccountId = undefined;
}

// AWS has no cheap "who am I" without STS; the account id is read off the ARNs we list.
let learnedAccountId: string | undefined;

export function noteAccountIdFromArn(arn: string): void {
  const m = /^arn:aws[a-z-]*:states:[a-z0-9-]+:(\d{12}):/.exec(arn);
  if (m) learnedAccountId = m[1];
}

/** What the source badge shows. */
export function sourceInfo(config: StepscopeConfig = loadConfig()): SourceInfo {
  switch (config.source) {
    case "demo":
      return { kind: "demo", label: "Demo account", region: config.region, accountId: DEMO_ACCOUNT_ID };
    case "emulator": {
      // Credentials written into the URL (user:password@, ?token=) are never shown.
      const shown = config.endpoint ? displayEndpoint(config.endpoint) : undefined;
      return { kind: "emulator", label: shown ?? "emulator", region: config.region, endpoint: shown };
    }
    case "aws":
      return {
        kind: "aws",
        label: learnedAccountId ? `AWS ${config.region} · ${learnedAccountId}` : `AWS ${config.region}`,
        region: config.region,
        accountId: learnedAccountId,
      };
  }
}
