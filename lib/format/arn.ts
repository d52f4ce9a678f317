/**
 * ARN helpers shared by pages and API. Step Functions ARNs:
 *   arn:aws:states:us-east-1:123456789012:stateMachine:order-processing
 *   arn:aws:states:us-east-1:123456789012:execution:order-processing:7f3c…
 *   arn:aws:states:us-east-1:123456789012:express:order-processing:…
 *   arn:aws:states:us-east-1:123456789012:mapRun:etl/label:…
 */
export interface ParsedArn {
  partition: string;
  region: string;
  account: string;
  resourceType: string;
  /** Everything after the resource type, split on ":". */
  parts: string[];
}

const ARN_RE = /^arn:(aws[a-z-]*):states:([a-z0-9-]+):(\d{12}):([A-Za-z]+):(.+)$/;

export function parseStatesArn(arn: string): ParsedArn | null {
  const m = ARN_RE.exec(arn);
  if (!m) return null;
  return { partition: m[1], region: m[2], account: m[3], resourceType: m[4], parts: m[5].split(":") };
}

/** The last meaningful name in an ARN (execution name, state machine name), or the ARN itself. */
export function nameFromArn(arn: string): string {
  const parsed = parseStatesArn(arn);
  if (!parsed) return arn;
  return parsed.parts[parsed.parts.length - 1] || arn;
}
