/**
 * The list of sources: `stepscope.config.json` (path: STEPSCOPE_CONFIG) or STEPSCOPE_SOURCES
 * (the same JSON). Each source is a name, how to sign in (an AWS profile, a role to assume, an
 * emulator endpoint, or the demo), and one or more Regions; each source × Region is a scope
 * with its own client, cache, limiter and index. Without either, there is one source: the one
 * the environment describes, as before.
 *
 * Server only: reads process.env and a file.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import type { SourceKind } from "@/lib/contract/api";
import { DEMO_SCOPES, demoScopeEndpoint } from "@/mocks/contract";
import { DEMO_EVENTS_QUEUE_URL } from "@/mocks/events/demo-events-queue";
import { ConfigError, loadConfig, type StepscopeConfig } from "./env";

/** Where the SDK reaches an in-process demo scope (msw answers there; `.invalid` never resolves). */
export { demoScopeEndpoint };

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

const sourceSchema = z
  .object({
    name: z
      .string({ error: "name is required (a short word such as prod)" })
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "name must be 1–40 lower-case letters, digits or dashes, e.g. prod"),
    regions: z
      .array(z.string().regex(REGION, "each Region must look like us-east-1"), { error: "regions must be a list of Regions, e.g. [\"eu-west-1\"]" })
      .min(1, "regions must name at least one Region"),
    profile: z.string().min(1, "profile must not be empty").optional(),
    roleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, "roleArn must be an IAM role ARN such as arn:aws:iam::123456789012:role/stepscope-read")
      .optional(),
    endpoint: z.url({ protocol: /^https?$/, error: "endpoint must be an http(s) URL such as http://localhost:8083" }).optional(),
    demo: z
      .union([z.literal(true), z.object({ seed: z.number().int().min(0).max(0xffffffff).optional() }).strict()], {
        error: "demo must be true or { \"seed\": <number> }",
      })
      .optional(),
    accountId: z.string().regex(/^\d{12}$/, "accountId must be 12 digits").optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const ways = [s.profile && "profile", s.roleArn && "roleArn", s.endpoint && "endpoint", s.demo && "demo"].filter(Boolean);
    // A role may be assumed from a profile's credentials; every other pair is a contradiction.
    const allowed = ways.length <= 1 || (ways.length === 2 && s.profile && s.roleArn);
    if (!allowed) ctx.addIssue({ code: "custom", message: `give one of profile, roleArn, endpoint, demo (profile with roleArn is allowed), not ${ways.join(" and ")}` });
    if (new Set(s.regions).size !== s.regions.length) ctx.addIssue({ code: "custom", path: ["regions"], message: "regions lists a Region twice" });
  });

const documentSchema = z
  .union([z.object({ sources: z.array(sourceSchema) }).strict(), z.array(sourceSchema)], {
    error: "expected { \"sources\": [ … ] } or a list of sources",
  })
  .transform((doc) => (Array.isArray(doc) ? doc : doc.sources))
  .pipe(z.array(z.any()).min(1, "sources must list at least one source"))
  .superRefine((sources, ctx) => {
    const seen = new Set<string>();
    sources.forEach((s: { name: string }, i: number) => {
      if (seen.has(s.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `two sources are named ${s.name}` });
      seen.add(s.name);
    });
  });

export type SourceEntry = z.infer<typeof sourceSchema>;

/** One account × Region, as configured: what the registry builds a client, cache, limiter and index for. */
export interface ScopeDefinition {
  /** `${name}:${region}`. */
  id: string;
  name: string;
  region: string;
  kind: SourceKind;
  accountId?: string;
  demoSeed?: number;
  /** The one source of an unconfigured process. */
  implicit?: boolean;
  /** The configuration this scope's clients are built from (the process's, with this scope's Region, endpoint and credentials). */
  config: StepscopeConfig;
}

function where(path: PropertyKey[], sources: unknown): string {
  if (path.length === 0) return "";
  const list = Array.isArray(sources) ? sources : (sources as { sources?: unknown[] })?.sources;
  const [first, ...rest] = Array.isArray(sources) ? path : path.slice(1);
  if (typeof first !== "number") return `${path.join(".")}: `;
  const name = (list?.[first] as { name?: unknown } | undefined)?.name;
  const which = typeof name === "string" ? `source "${name}"` : `source ${first + 1}`;
  return rest.length ? `${which}, ${rest.join(".")}: ` : `${which}: `;
}

/** Parse the JSON text of a source list. Pure. `origin` names the file or variable in every message. */
export function parseSourcesDocument(text: string, origin: string): SourceEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${origin} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `- ${where(i.path, raw)}${i.message}`).join("\n");
    throw new ConfigError(`Stepscope cannot start with the sources in ${origin}:\n${problems}`);
  }
  return parsed.data as SourceEntry[];
}

function kindOf(entry: SourceEntry): SourceKind {
  return entry.demo ? "demo" : entry.endpoint ? "emulator" : "aws";
}

/** Every scope of the configured sources, in order (sources, then each one's Regions). Pure. */
export function scopesOfSources(entries: readonly SourceEntry[], base: StepscopeConfig): ScopeDefinition[] {
  return entries.flatMap((entry) =>
    entry.regions.map((region): ScopeDefinition => {
      const kind = kindOf(entry);
      const endpoint = kind === "demo" ? demoScopeEndpoint(entry.name, region) : entry.endpoint;
      // Emulators serve every service on one port; a demo scope has its own Logs and CloudWatch endpoints.
      const logsEndpoint = kind === "demo" ? demoScopeEndpoint(entry.name, region, "logs") : endpoint;
      const metricsEndpoint = kind === "demo" ? demoScopeEndpoint(entry.name, region, "monitoring") : endpoint;
      const demoSeed = typeof entry.demo === "object" ? (entry.demo.seed ?? base.demoSeed) : entry.demo ? base.demoSeed : undefined;
      return {
        id: `${entry.name}:${region}`,
        name: entry.name,
        region,
        kind,
        accountId: entry.accountId,
        demoSeed,
        config: {
          ...base,
          source: kind,
          region,
          endpoint,
          logsEndpoint: kind === "aws" ? undefined : logsEndpoint,
          metricsEndpoint: kind === "aws" ? undefined : metricsEndpoint,
          demoSeed: demoSeed ?? base.demoSeed,
          // The demo's simulated queue is the demo's: a process whose base kind is the demo (sources
          // configured, no STEPSCOPE_SOURCE) must not point its AWS or emulator sources at it.
          eventsQueueUrl: kind === "demo" || base.eventsQueueUrl !== DEMO_EVENTS_QUEUE_URL ? base.eventsQueueUrl : undefined,
          profile: entry.profile,
          roleArn: entry.roleArn,
          hasCredentials: kind === "emulator" ? Boolean(entry.profile || base.hasCredentials) : base.hasCredentials,
        },
      };
    }),
  );
}

/**
 * The scopes of an unconfigured process: the environment's one source, named after its kind;
 * for the demo, the demo organisation (two accounts in two Regions), whose first scope is the
 * single demo account of before, at the same endpoint.
 */
export function implicitScopes(base: StepscopeConfig): ScopeDefinition[] {
  if (base.source !== "demo") return [implicitScope(base)];
  return DEMO_SCOPES.map((scope, i): ScopeDefinition => ({
    id: scope.id,
    name: scope.name,
    region: scope.region,
    kind: "demo",
    accountId: scope.accountId,
    demoSeed: base.demoSeed,
    implicit: true,
    config:
      i === 0
        ? base
        : { ...base, region: scope.region, endpoint: scope.endpoint, logsEndpoint: scope.logsEndpoint, metricsEndpoint: scope.metricsEndpoint },
  }));
}

function implicitScope(base: StepscopeConfig): ScopeDefinition {
  return {
    id: `${base.source}:${base.region}`,
    name: base.source,
    region: base.region,
    kind: base.source,
    demoSeed: base.source === "demo" ? base.demoSeed : undefined,
    implicit: true,
    config: base,
  };
}

export interface SourcesInput {
  env: Record<string, string | undefined>;
  cwd: string;
  readFile: (path: string) => string;
}

/**
 * The configured scopes: STEPSCOPE_SOURCES, else the file STEPSCOPE_CONFIG names, else
 * ./stepscope.config.json when it exists, else the implicit one.
 */
export function resolveScopes(input: SourcesInput, base: StepscopeConfig): ScopeDefinition[] {
  const inline = input.env.STEPSCOPE_SOURCES?.trim();
  if (inline && input.env.STEPSCOPE_CONFIG?.trim()) {
    throw new ConfigError("Set either STEPSCOPE_SOURCES or STEPSCOPE_CONFIG, not both.");
  }
  if (inline) return scopesOfSources(parseSourcesDocument(inline, "STEPSCOPE_SOURCES"), base);
  const named = input.env.STEPSCOPE_CONFIG?.trim();
  const path = resolve(input.cwd, named || "stepscope.config.json");
  let text: string;
  try {
    text = input.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!named && code === "ENOENT") return implicitScopes(base);
    throw new ConfigError(`STEPSCOPE_CONFIG names ${path}, which cannot be read (${code ?? (error as Error).message}).`);
  }
  return scopesOfSources(parseSourcesDocument(text, path), base);
}

let cached: { base: StepscopeConfig; scopes: ScopeDefinition[] } | undefined;

/** The process's scopes, read on first use (again when the environment's configuration was re-read). */
export function loadScopes(): ScopeDefinition[] {
  const base = loadConfig();
  if (cached?.base !== base) cached = { base, scopes: resolveScopes({ env: process.env, cwd: process.cwd(), readFile: (p) => readFileSync(p, "utf8") }, base) };
  return cached.scopes;
}

/** Forget the scopes (tests that change the environment). */
export function resetScopes(): void {
  cached = undefined;
}
