/**
 * `npm run emulator [-- --port N] [--host H] [--seed S] [--scope prod:eu-west-1]`: serves one
 * account and Region of the demo organisation (prod:us-east-1, the main one, by default) on
 * http://127.0.0.1:8090 by default; run one per port to serve several. STEPSCOPE_DEMO_SEED
 * sets the seed when --seed is absent.
 */
import { parseEmulatorArgs } from "./transport/cli-args";
import { startEmulatorServer } from "./transport/http-server";

async function main(): Promise<void> {
  const parsed = parseEmulatorArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n\nUsage: npm run emulator -- [--port 8090] [--host 127.0.0.1] [--seed 42] [--scope prod:us-east-1]\n`);
    process.exitCode = 2;
    return;
  }
  const server = await startEmulatorServer(parsed.options).catch((err: NodeJS.ErrnoException) => {
    process.stderr.write(`Cannot listen on ${parsed.options.host}:${parsed.options.port}: ${err.code ?? err.message}\n`);
    process.exitCode = 1;
    return undefined;
  });
  if (!server) return;
  process.stdout.write(`Stepscope demo account ${server.account.scope.id} (${server.account.scope.accountId}, seed ${parsed.options.seed}) listening on ${server.url}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
