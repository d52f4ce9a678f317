/** How a health score and an error rate look in the fleet table. Pure. */
export function healthColor(health: number, errors: number): string {
  if (errors === 0) return "var(--st-succeeded)";
  if (health >= 0.3) return "var(--st-failed)";
  if (health >= 0.05) return "var(--st-timed-out)";
  return "#9fc9b8";
}

export function healthLabel(health: number, errors: number): string {
  if (errors === 0) return "Healthy: no errors in the window";
  if (health >= 0.3) return "Unhealthy: a high or recent error rate";
  if (health >= 0.05) return "Degraded: some recent errors";
  return "Mostly healthy: few or old errors";
}
