/**
 * moto's Step Functions as a third-party emulator for integration tests. Where moto is not
 * installed the tests are skipped loudly; under CI=true that is a failure instead.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "./free-port";

export interface MotoServer {
  url: string;
  stop(): Promise<void>;
}

/** True when `python3 -c "import moto"` works. */
export function motoAvailable(): boolean {
  const probe = spawnSync("python3", ["-c", "import moto"], { stdio: "ignore" });
  return probe.status === 0;
}

/**
 * Whether to run the moto tests: yes when moto is there; when it is not, warn loudly and skip,
 * except under CI=true where a missing moto must fail the run.
 */
export function shouldRunMotoTests(): boolean {
  if (motoAvailable()) return true;
  if (process.env.CI === "true") {
    throw new Error("moto is not installed (python3 -c \"import moto\" fails) and CI=true: install it with `pip install 'moto[server]'`.");
  }
  console.warn(
    "\n*** SKIPPING the moto integration tests: python3 cannot import moto. Install it with `pip install 'moto[server]'` to run them. ***\n",
  );
  return false;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin?.end();
    child.kill("SIGTERM");
  });
}

export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  // Tests run from the repository root (npm test, vitest).
  const script = path.resolve(process.cwd(), "tests", "support", "moto_server.py");
  const url = `http://127.0.0.1:${port}`;
  // moto's Task integrations call AWS through boto3 at localhost:$MOTO_PORT: point them at this
  // moto, so a DynamoDB Task against a missing table fails as on AWS (ResourceNotFoundException).
  const env = { ...process.env, MOTO_PORT: String(port), AWS_ENDPOINT_URL: url, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_DEFAULT_REGION: "us-east-1" };
  const child = spawn("python3", [script, String(port)], { stdio: ["pipe", "pipe", "pipe"], env });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`moto did not start within 30 s:\n${stderr}`)), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("READY")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`moto exited with code ${code} before it was ready:\n${stderr}`));
    });
  });
  return { url, stop: () => stopChild(child) };
}
