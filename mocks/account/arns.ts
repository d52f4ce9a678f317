/** ARNs of the demo account, built and taken apart. */
import { DEMO_ACCOUNT_ID, DEMO_REGION } from "../contract";

const PREFIX = `arn:aws:states:${DEMO_REGION}:${DEMO_ACCOUNT_ID}:`;

export const stateMachineArn = (machine: string) => `${PREFIX}stateMachine:${machine}`;
export const executionArn = (machine: string, name: string) => `${PREFIX}execution:${machine}:${name}`;
export const expressExecutionArn = (machine: string, name: string, id: string) => `${PREFIX}express:${machine}:${name}:${id}`;
/** A distributed Map's run, labelled with its parent execution's name so that it leads back to it. */
export const mapRunArn = (machine: string, parentName: string, runId: string) => `${PREFIX}mapRun:${machine}/${parentName}:${runId}`;
export const childExecutionArn = (machine: string, parentName: string, name: string) => `${PREFIX}execution:${machine}/${parentName}:${name}`;
export const childStateMachineArn = (machine: string, parentName: string) => `${PREFIX}stateMachine:${machine}/${parentName}`;
export const roleArn = (machine: string) => `arn:aws:iam::${DEMO_ACCOUNT_ID}:role/service-role/StepFunctions-${machine}-role`;

export type ParsedArn =
  | { kind: "stateMachine"; machine: string; label?: string }
  | { kind: "execution"; machine: string; name: string; parentName?: string }
  | { kind: "express"; machine: string; name: string }
  | { kind: "mapRun"; machine: string; parentName: string; runId: string };

const NAME = "[A-Za-z0-9_.\\-]{1,80}";
const GENERIC = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(stateMachine|execution|express|mapRun):.+$/;

/**
 * `invalid` for text that is not a Step Functions ARN of that kind at all (InvalidArn), `foreign`
 * for a well-formed ARN of another account or Region, which simply does not exist here.
 */
export function parseArn(arn: unknown): ParsedArn | "invalid" | "foreign" {
  if (typeof arn !== "string" || arn.length > 2048 || !GENERIC.test(arn)) return "invalid";
  if (!arn.startsWith(PREFIX)) return "foreign";
  const rest = arn.slice(PREFIX.length);
  let m = new RegExp(`^stateMachine:(${NAME})(?:/(${NAME}))?$`).exec(rest);
  if (m) return { kind: "stateMachine", machine: m[1], label: m[2] };
  m = new RegExp(`^execution:(${NAME})(?:/(${NAME}))?:(${NAME})$`).exec(rest);
  if (m) return { kind: "execution", machine: m[1], parentName: m[2], name: m[3] };
  m = new RegExp(`^express:(${NAME}):(${NAME}):(${NAME})$`).exec(rest);
  if (m) return { kind: "express", machine: m[1], name: m[2] };
  m = new RegExp(`^mapRun:(${NAME})/(${NAME}):(${NAME})$`).exec(rest);
  if (m) return { kind: "mapRun", machine: m[1], parentName: m[2], runId: m[3] };
  return "invalid";
}
