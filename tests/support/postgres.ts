/**
 * A throwaway Postgres cluster for tests: initdb into a fresh folder under the temp dir, started
 * on a free loopback port with its socket in that folder, removed afterwards. Postgres refuses
 * to run as root, so as root both commands run as the `postgres` user, who owns the folder.
 * Debian's binaries are found under /usr/lib/postgresql/<version>/bin. Where they are missing,
 * the tests are skipped loudly; under CI=true that is a failure instead (.ci/run installs them).
 */
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./free-port";

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  /** A new empty database on the cluster; its URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

export function postgresBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : undefined;
}

export function shouldRunPostgresTests(): boolean {
  if (postgresBinDir()) return true;
  if (process.env.CI === "true") {
    throw new Error("Postgres is not installed (no /usr/lib/postgresql/*/bin/initdb) and CI=true: install it with `apt-get install -y postgresql`.");
  }
  console.warn("\n*** SKIPPING the Postgres tests: no /usr/lib/postgresql/*/bin/initdb. Install it with `apt-get install -y postgresql`. ***\n");
  return false;
}

function postgresUid(): { uid: number; gid: number } | undefined {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs a Postgres binary, as the postgres user when we are root. */
function run(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

let databases = 0;

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("Postgres binaries not found under /usr/lib/postgresql/*/bin");
  const dir = mkdtempSync(path.join(os.tmpdir(), "stepscope-pg-"));
  if (process.getuid?.() === 0) {
    const owner = postgresUid();
    if (!owner) throw new Error("running as root but there is no `postgres` user to run the cluster as");
    chownSync(dir, owner.uid, owner.gid);
  }
  const data = path.join(dir, "data");
  const port = await freePort();
  run(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  run(path.join(bin, "pg_ctl"), [
    "-D",
    data,
    "-l",
    path.join(dir, "server.log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    "start",
  ]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    async createDatabase(name = `t${process.pid}_${++databases}_${Date.now() % 100000}`) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`create database "${name}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
