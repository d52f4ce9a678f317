/** The demo seed from STEPSCOPE_DEMO_SEED, or the default; a bad value says so instead of being ignored. */
import { DEFAULT_DEMO_SEED } from "../contract";

export function demoSeedFromEnv(env: Record<string, string | undefined> = process.env): number {
  return parseDemoSeed(env.STEPSCOPE_DEMO_SEED);
}

export function parseDemoSeed(text: string | undefined): number {
  const trimmed = text?.trim();
  if (!trimmed) return DEFAULT_DEMO_SEED;
  if (!/^\d{1,10}$/.test(trimmed) || Number(trimmed) > 0xffffffff) {
    throw new Error(`STEPSCOPE_DEMO_SEED must be a whole number between 0 and 4294967295, not '${trimmed}'`);
  }
  return Number(trimmed);
}
