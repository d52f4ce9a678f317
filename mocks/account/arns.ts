/** ARNs of one account in one Region of the demo organisation, built and taken apart. */
import { DEMO_ACCOUNT_ID, DEMO_REGION, type DemoPlace } from "../contract";

export type ParsedArn =
  | { kind: "stateMachine"; machine: string; label?: string }
  | { kind: "execution"; machine: string; name: string; parentName?: string }
  | { kind: "express"; machine: string; name: string }
  | { kind: "mapRun"; machine: string; parentName: string; runId: string };

export interface DemoArns {
  readonly place: DemoPlace;
  stateMachineArn(machine: string): string;
  executionArn(machine: string, name: string): string;
  expressExecutionArn(machine: string, name: string, id: string): string;
  /** A distributed Map's run, labelled with its parent execution's name so that it leads back to it. */
  mapRunArn(machine: string, parentName: string, runId: string): string;
  childExecutionArn(machine: string, parentName: string, name: string): string;
  childStateMachineArn(machine: string, parentName: string): string;
  roleArn(machine: string): string;
  /**
   * `invalid` for text that is not a Step Functions ARN of that kind at all (InvalidArn), `foreign`
   * for a well-formed ARN of another account or Region, which simply does not exist here.
   */
  parseArn(arn: unknown): ParsedArn | "invalid" | "foreign";
}

const NAME = "[A-Za-z0-9_.\\-]{1,80}";
const GENERIC = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(stateMachine|execution|express|mapRun):.+$/;
const STATE_MACHINE = new RegExp(`^stateMachine:(${NAME})(?:/(${NAME}))?$`);
const EXECUTION = new RegExp(`^execution:(${NAME})(?:/(${NAME}))?:(${NAME})$`);
const EXPRESS = new RegExp(`^express:(${NAME}):(${NAME}):(${NAME})$`);
const MAP_RUN = new RegExp(`^mapRun:(${NAME})/(${NAME}):(${NAME})$`);

export function demoArns(place: DemoPlace): DemoArns {
  const prefix = `arn:aws:states:${place.region}:${place.accountId}:`;
  return {
    place,
    stateMachineArn: (machine) => `${prefix}stateMachine:${machine}`,
    executionArn: (machine, name) => `${prefix}execution:${machine}:${name}`,
    expressExecutionArn: (machine, name, id) => `${prefix}express:${machine}:${name}:${id}`,
    mapRunArn: (machine, parentName, runId) => `${prefix}mapRun:${machine}/${parentName}:${runId}`,
    childExecutionArn: (machine, parentName, name) => `${prefix}execution:${machine}/${parentName}:${name}`,
    childStateMachineArn: (machine, parentName) => `${prefix}stateMachine:${machine}/${parentName}`,
    roleArn: (machine) => `arn:aws:iam::${place.accountId}:role/service-role/StepFunctions-${machine}-role`,
    parseArn(arn) {
      if (typeof arn !== "string" || arn.length > 2048 || !GENERIC.test(arn)) return "invalid";
      if (!arn.startsWith(prefix)) return "foreign";
      const rest = arn.slice(prefix.length);
      let m = STATE_MACHINE.exec(rest);
      if (m) return { kind: "stateMachine", machine: m[1], label: m[2] };
      m = EXECUTION.exec(rest);
      if (m) return { kind: "execution", machine: m[1], parentName: m[2], name: m[3] };
      m = EXPRESS.exec(rest);
      if (m) return { kind: "express", machine: m[1], name: m[2] };
      m = MAP_RUN.exec(rest);
      if (m) return { kind: "mapRun", machine: m[1], parentName: m[2], runId: m[3] };
      return "invalid";
    },
  };
}

/** The ARNs of the demo's main account and Region (prod, us-east-1): what the single-account demo always was. */
export const DEFAULT_ARNS = demoArns({ accountId: DEMO_ACCOUNT_ID, region: DEMO_REGION });
