// The test broker, for bun:test files: `await kafkaBroker()` starts one (scripts/kafka/start.sh) the
// first time any test file of this process asks, and every later caller shares it; a watchdog stops
// and removes it when the process has ended. SLUICE_KAFKA_BOOTSTRAP=host:port uses a running broker
// instead. Brokers left behind by a test process that was killed are stopped on the next start.
// The brokers these tests start also have the secured listeners (start.sh --secure):
// `await kafkaSecureBroker()` gives them, starting a broker of its own when the shared one is external.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const here = import.meta.dir;
const root = resolve(here, "../..");
const servicesDir = join(root, ".tmp", "services");

/** The secured listeners of a broker started with --secure (scripts/kafka/secure.sh). */
export interface SecureListeners {
  saslPlaintext: string;
  ssl: string;
  /** SSL with a client certificate required. */
  mtls: string;
  saslSsl: string;
  user: string;
  password: string;
  /** Password of the JKS/PKCS12 stores and of client-key-enc.pem. */
  storePassword: string;
  /** The directory of ca.pem, client.pem, client-key.pem, truststore.jks, … */
  tls: string;
}

export interface Broker {
  bootstrap: string;
  /** Its secured listeners, for a broker these tests started. */
  secure?: SecureListeners;
  /** The broker's directory (config, data, log), undefined for an external broker. */
  dir?: string;
  /** Stops the broker and starts it again on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops the broker, keeping its data (for tests of an unreachable broker); start() brings it back. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

let shared: Promise<Broker> | undefined;
let sharedSecure: Promise<Broker> | undefined;

export function kafkaBroker(): Promise<Broker> {
  shared ??= startBroker();
  return shared;
}

/** A broker with the secured listeners: the shared one, or one of its own when that one is external. */
export function kafkaSecureBroker(): Promise<Broker> {
  sharedSecure ??= kafkaBroker().then((b) => (b.secure ? b : startBroker("kafka-secure-", false)));
  return sharedSecure;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a small detached watchdog that runs `stop` on `dir` once process `owner` has ended
 * (bun test runs no exit handlers, and a killed test run runs none at all).
 */
export function stopWhenGone(owner: number, stop: string, ...args: string[]): void {
  const quoted = [stop, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const child = spawn("bash", ["-c", `while kill -0 ${owner} 2>/dev/null; do sleep 0.5; done; exec bash ${quoted}`], {
    detached: true,
    stdio: "ignore",
  });
  child.unref();
}

/** Stops services whose owning test process is gone (killed before it could clean up). */
export function reapOrphans(prefix: string, stop: (dir: string) => void): void {
  if (!existsSync(servicesDir)) return;
  for (const name of readdirSync(servicesDir)) {
    if (!name.startsWith(prefix) || !/^\d+$/.test(name.slice(prefix.length))) continue;
    const owner = Number(name.slice(prefix.length));
    if (owner === process.pid || alive(owner)) continue;
    try {
      stop(join(servicesDir, name));
    } catch {
      rmSync(join(servicesDir, name), { recursive: true, force: true });
    }
  }
}

function run(script: string, args: string[], timeoutMs: number): string {
  return execFileSync("bash", [join(here, script), ...args], { encoding: "utf8", timeout: timeoutMs, stdio: ["ignore", "pipe", "pipe"] }).trim();
}

async function startBroker(prefix = "kafka-", allowExternal = true): Promise<Broker> {
  const external = allowExternal ? process.env.SLUICE_KAFKA_BOOTSTRAP : undefined;
  if (external) {
    const refuse = async () => {
      throw new Error("SLUICE_KAFKA_BOOTSTRAP points at a broker these tests did not start: they cannot stop or restart it");
    };
    return { bootstrap: external, restart: refuse, stop: refuse, start: refuse };
  }
  mkdirSync(servicesDir, { recursive: true });
  reapOrphans(prefix, (dir) => run("stop.sh", [dir], 30_000));
  const dir = join(servicesDir, `${prefix}${process.pid}`);
  const bootstrap = run("start.sh", [dir, "--secure"], 300_000).split("\n").at(-1)!;
  writeFileSync(join(dir, "owner"), String(process.pid));
  stopWhenGone(process.pid, join(here, "stop.sh"), dir);
  const broker: Broker = {
    bootstrap,
    dir,
    secure: JSON.parse(readFileSync(join(dir, "secure.json"), "utf8")) as SecureListeners,
    async stop() {
      run("stop.sh", [dir, "--keep"], 60_000);
    },
    async start() {
      run("start.sh", [dir], 120_000);
      await waitReady(bootstrap);
    },
    async restart() {
      await broker.stop();
      await broker.start();
    },
  };
  await waitReady(bootstrap);
  return broker;
}

/** Waits until the broker answers metadata requests (it listens a moment before it serves). */
async function waitReady(bootstrap: string): Promise<void> {
  const { Admin } = await import("@platformatic/kafka");
  const admin = new Admin({ clientId: "sluice-test-ready", bootstrapBrokers: [bootstrap], retries: 0, connectTimeout: 2000 });
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      try {
        await admin.metadata({ topics: [], forceUpdate: true });
        const md = await admin.metadata({ topics: [], forceUpdate: true });
        if (md.brokers.size > 0) return;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.close();
  }
}
