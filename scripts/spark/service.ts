// The test Spark Connect server, for bun:test files: `await sparkConnect()` starts one
// (scripts/spark/start-connect.sh) the first time any test file of this process asks, and every
// later caller shares it; a watchdog stops and removes it when the process has ended.
// SLUICE_SPARK_REMOTE=sc://host:port uses a running server instead.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { reapOrphans, stopWhenGone } from "../kafka/service.ts";

const here = import.meta.dir;
const root = resolve(here, "../..");
const servicesDir = join(root, ".tmp", "services");

/**
 * The server's extra packages, spark-sql-kafka and delta-spark, as a user's cluster has them.
 * Delta's catalog is set per session (DELTA_SESSION_CONF): Delta's SQL extension would change the
 * SQL conformance cases' answers (its parser leaves positional parameters unbound).
 */
export const SPARK_CONNECT_PACKAGES = ["spark.jars.packages=org.apache.spark:spark-sql-kafka-0-10_2.13:4.1.1,io.delta:delta-spark_2.13:4.1.0"];
/** What a remote session sets to write and read Delta tables on the test server. */
export const DELTA_SESSION_CONF: Record<string, string> = { "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog" };

let shared: Promise<string> | undefined;
let logFile: string | undefined = process.env.SLUICE_SPARK_LOG;

/** The sc:// address of the shared test server. */
export function sparkConnect(): Promise<string> {
  shared ??= start();
  return shared;
}

/**
 * The server's log, where its stdout goes (the console sink prints there): the one this process
 * started, or SLUICE_SPARK_LOG with SLUICE_SPARK_REMOTE.
 */
export function sparkConnectLog(): string {
  if (!logFile) throw new Error("the Spark Connect server's log is unknown: set SLUICE_SPARK_LOG with SLUICE_SPARK_REMOTE");
  return logFile;
}

function run(script: string, args: string[], timeoutMs: number): string {
  return execFileSync("bash", [join(here, script), ...args], { encoding: "utf8", timeout: timeoutMs, stdio: ["ignore", "pipe", "pipe"] }).trim();
}

async function start(): Promise<string> {
  const external = process.env.SLUICE_SPARK_REMOTE;
  if (external) return external;
  mkdirSync(servicesDir, { recursive: true });
  reapOrphans("spark-connect-", (dir) => run("stop-connect.sh", [dir], 60_000));
  const dir = join(servicesDir, `spark-connect-${process.pid}`);
  // One partition per local relation, as the goldens' local[1] sessions read their tables:
  // aggregates of doubles then add in the same order and give the goldens' exact digits. Two
  // shuffle partitions by default (sessions may set theirs): Spark's 200 make every stateful
  // micro-batch of the tests' tiny streams slow on a two-core machine.
  // Kafka and Delta Lake (SPARK_CONNECT_PACKAGES: from Maven Central through spark.jars.packages,
  // cached by Ivy after the first start).
  const url = run("start-connect.sh", [dir, "--conf", "spark.default.parallelism=1", "--conf", "spark.sql.shuffle.partitions=2", "--conf", "spark.log.level=WARN",
    ...SPARK_CONNECT_PACKAGES.flatMap((c) => ["--conf", c])], 600_000).split("\n").at(-1)!;
  writeFileSync(join(dir, "owner"), String(process.pid));
  logFile = join(dir, "server.log");
  stopWhenGone(process.pid, join(here, "stop-connect.sh"), dir);
  return url;
}
