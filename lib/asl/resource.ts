/**
 * A Task's `Resource` in the short form people read in the console:
 * `arn:aws:states:::lambda:invoke` → `lambda:invoke`,
 * `arn:aws:states:::aws-sdk:s3:getObject` → `s3:getObject`,
 * `arn:aws:lambda:us-east-1:123456789012:function:Resize` → `lambda:Resize`,
 * `arn:aws:states:us-east-1:123456789012:activity:Review` → `activity:Review`.
 * Anything else (template placeholders such as `${FnArn}`) is kept, shortened to fit a node.
 */
export function shortResource(resource: string): string {
  const integration = /^arn:[^:]+:states:::(.+)$/.exec(resource);
  if (integration) {
    const rest = integration[1];
    return rest.startsWith("aws-sdk:") ? rest.slice("aws-sdk:".length) : rest;
  }
  const lambda = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(resource);
  if (lambda) return `lambda:${lambda[1]}`;
  const activity = /^arn:[^:]+:states:[^:]*:[^:]*:activity:(.+)$/.exec(resource);
  if (activity) return `activity:${activity[1]}`;
  return clip(resource, 40);
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
