// The test database, for bun:test files: `await postgresServer()` starts a throwaway cluster
// (scripts/postgres/start.sh) the first time a test file of this process asks; later callers share
// it; a watchdog stops and removes it when the process has ended (also when it failed or was
// killed while the server was starting). SLUICE_POSTGRES_URL uses a running server.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { reapOrphans, stopWhenGone } from "../kafka/service.ts";

const here = import.meta.dir;
const root = resolve(here, "../..");

export interface PostgresServer {
  url: string;
  dir?: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

let shared: Promise<PostgresServer> | undefined;

export function postgresServer(): Promise<PostgresServer> {
  shared ??= startServer();
  return shared;
}

function run(script: string, args: string[], timeoutMs: number): string {
  return execFileSync("bash", [join(here, script), ...args], { encoding: "utf8", timeout: timeoutMs, stdio: ["ignore", "pipe", "pipe"] }).trim();
}

async function startServer(): Promise<PostgresServer> {
  const external = process.env.SLUICE_POSTGRES_URL;
  if (external) {
    const refuse = async () => {
      throw new Error("SLUICE_POSTGRES_URL points at a server these tests did not start: they cannot stop or start it");
    };
    return { url: external, stop: refuse, start: refuse };
  }
  // The cluster lives under the system temp dir: the `postgres` user must be able to reach it.
  const services = join(root, ".tmp", "services");
  mkdirSync(services, { recursive: true });
  reapOrphans("postgres-", (marker) => {
    const dir = join(tmpdir(), `sluice-${marker.split("/").at(-1)}`);
    run("stop.sh", [dir], 30_000);
    run("stop.sh", [marker], 5_000);
  });
  const marker = join(services, `postgres-${process.pid}`);
  mkdirSync(marker, { recursive: true });
  const dir = join(tmpdir(), `sluice-postgres-${process.pid}`);
  writeFileSync(join(marker, "dir"), dir);
  // The watchdogs come first: a run killed or failing while the server starts still stops it.
  stopWhenGone(process.pid, join(here, "stop.sh"), dir);
  stopWhenGone(process.pid, join(here, "stop.sh"), marker);
  const url = run("start.sh", [dir], 300_000).split("\n").at(-1)!;
  return {
    url,
    dir,
    async stop() {
      run("stop.sh", [dir, "--keep"], 60_000);
    },
    async start() {
      run("start.sh", [dir], 60_000);
    },
  };
}
