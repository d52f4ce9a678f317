/**
 * Step Functions' API quotas, as token buckets: `burst` calls at once, refilled at
 * `perSecond`. Defaults are the service's default quotas for us-east-1, us-west-2 and
 * eu-west-1 ("Quotas related to API action throttling" in the Step Functions developer guide,
 * service quotas page); other Regions are lower for some calls, and other tools polling the
 * same account share the same buckets, so each is configurable:
 * `STEPSCOPE_QUOTA_<Operation>=<burst>/<perSecond>`, e.g. `STEPSCOPE_QUOTA_ListExecutions=100/2`.
 */
import { ConfigError } from "@/lib/config/env";

export interface Quota {
  burst: number;
  perSecond: number;
}

export const SERVICE_QUOTAS: Readonly<Record<string, Quota>> = {
  GetExecutionHistory: { burst: 400, perSecond: 20 },
  DescribeExecution: { burst: 300, perSecond: 15 },
  ListExecutions: { burst: 200, perSecond: 5 },
  DescribeStateMachine: { burst: 200, perSecond: 20 },
  DescribeStateMachineForExecution: { burst: 200, perSecond: 1 },
  ListStateMachines: { burst: 100, perSecond: 5 },
  // Not in the table we size for; these get the conservative bucket the guide gives most
  // other control-plane calls.
  DescribeMapRun: { burst: 100, perSecond: 1 },
  ListMapRuns: { burst: 100, perSecond: 1 },
  StopExecution: { burst: 100, perSecond: 1 },
  RedriveExecution: { burst: 100, perSecond: 1 },
};

/**
 * The share Stepscope takes by default: half of each bucket and of its refill. The account's
 * buckets are shared with every other tool and with the workloads' own calls (a Lambda that
 * calls DescribeExecution), so routine polling never spends the whole quota.
 */
export const DEFAULT_SHARE = 0.5;

export const DEFAULT_QUOTAS: Readonly<Record<string, Quota>> = Object.fromEntries(
  Object.entries(SERVICE_QUOTAS).map(([operation, quota]) => [operation, { burst: Math.max(1, Math.floor(quota.burst * DEFAULT_SHARE)), perSecond: quota.perSecond * DEFAULT_SHARE }]),
);

/** Operations missing from the table above (a future call) share this conservative bucket. */
export const FALLBACK_QUOTA: Quota = { burst: 50, perSecond: 0.5 };

const PREFIX = "STEPSCOPE_QUOTA_";

/** The defaults with the environment's overrides; a ConfigError lists every bad one. */
export function parseQuotas(env: Record<string, string | undefined>): Record<string, Quota> {
  const quotas: Record<string, Quota> = { ...DEFAULT_QUOTAS };
  const problems: string[] = [];
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(PREFIX) || raw === undefined) continue;
    const operation = name.slice(PREFIX.length);
    if (!(operation in SERVICE_QUOTAS)) {
      problems.push(`${name}: unknown operation; known ones are ${Object.keys(SERVICE_QUOTAS).join(", ")}`);
      continue;
    }
    const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6}(?:\.\d{1,3})?)\s*$/.exec(raw);
    const burst = m ? Number(m[1]) : NaN;
    const perSecond = m ? Number(m[2]) : NaN;
    if (!(burst >= 1) || !(perSecond > 0)) {
      problems.push(`${name} must be <burst>/<per second> with both above zero, e.g. 200/5 (got "${raw.slice(0, 40)}")`);
      continue;
    }
    quotas[operation] = { burst, perSecond };
  }
  if (problems.length) throw new ConfigError(`Stepscope cannot start with this environment:\n${problems.map((p) => `- ${p}`).join("\n")}`);
  return quotas;
}
