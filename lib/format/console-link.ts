/** The same execution in the AWS console, for its own Region (the console needs both). */
export function consoleExecutionUrl(executionArn: string): string | undefined {
  const region = executionArn.split(":")[3];
  if (!region) return undefined;
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${encodeURIComponent(executionArn)}`;
}
