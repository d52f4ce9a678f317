/**
 * Which machines have their payloads indexed: STEPSCOPE_INDEX_PAYLOADS is a comma-separated
 * list of globs over state machine names (`order-*,etl-*`; `*` matches any run of characters,
 * `?` one). Opt-in, because indexing costs one DescribeExecution per execution.
 */
export type MachineMatcher = (machineName: string) => boolean;

export function parseMachineGlobs(setting: string | undefined): MachineMatcher {
  const globs = (setting ?? "")
    .split(",")
    .map((g) => g.trim())
    .filter(Boolean);
  if (globs.length === 0) return () => false;
  const patterns = globs.map((g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`));
  return (name) => patterns.some((p) => p.test(name));
}
