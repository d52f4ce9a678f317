/** Command-line options of the emulator, checked with a clear message for each mistake. */
import { parseDemoSeed } from "../account/seed";
import { DEMO_SCOPES, MAIN_DEMO_SCOPE } from "../contract";

export interface EmulatorCliOptions {
  port: number;
  host: string;
  seed: number;
  /** The scope of the demo organisation served on this port. */
  scope: string;
}

export type ParsedArgs = { ok: true; options: EmulatorCliOptions } | { ok: false; message: string };

export function parseEmulatorArgs(argv: string[], env: Record<string, string | undefined>): ParsedArgs {
  let seedText = env.STEPSCOPE_DEMO_SEED;
  const options = { port: 8090, host: "127.0.0.1", seed: 0, scope: MAIN_DEMO_SCOPE.id };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = inline ?? argv[i + 1];
    if (inline === undefined && ["--port", "--host", "--seed", "--scope"].includes(flag)) i++;
    if (flag === "--port") {
      if (!/^\d+$/.test(value ?? "") || Number(value) > 65535) return { ok: false, message: `--port must be a number from 0 to 65535, not '${value ?? ""}'` };
      options.port = Number(value);
    } else if (flag === "--host") {
      if (!value) return { ok: false, message: "--host needs a value" };
      options.host = value;
    } else if (flag === "--scope") {
      if (!DEMO_SCOPES.some((s) => s.id === value)) return { ok: false, message: `--scope must be one of ${DEMO_SCOPES.map((s) => s.id).join(", ")}, not '${value ?? ""}'` };
      options.scope = value;
    } else if (flag === "--seed") {
      seedText = value ?? "";
    } else {
      return { ok: false, message: `Unknown option '${argv[i]}'` };
    }
  }
  try {
    options.seed = parseDemoSeed(seedText);
  } catch (err) {
    return { ok: false, message: (err as Error).message.replace("STEPSCOPE_DEMO_SEED", "The seed") };
  }
  return { ok: true, options };
}
