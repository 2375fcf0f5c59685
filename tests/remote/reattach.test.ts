// A result stream broken in the middle (tests/remote/breaking_proxy.ts cuts the connection once
// 300 kB have come back) is picked up again as Spark's clients pick it up: the call is retried on a
// new connection with ReattachExecute after the last response received, and the result is whole.
// Against Spark 4.1.1's Connect server (its results come in several Arrow batches) and against
// `sluice serve`.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { functions as F, SparkSession } from "sluice";
import { sparkConnect } from "../../scripts/spark/service.ts";

const root = join(import.meta.dir, "..", "..");
const children: ChildProcess[] = [];

/** Starts a process and resolves with the first sc:// address it prints (stdout or stderr), and its output so far. */
function started(args: string[]): Promise<{ url: string; output: () => string }> {
  // stdin piped: a child that watches it (breaking_proxy.ts) ends with this process.
  const child = spawn(process.execPath, args, { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /sc:\/\/[0-9.]+:\d+/.exec(out);
      if (m) resolve({ url: m[0], output: () => out });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited ${code}: ${out}`)));
  });
}

let sparkUrl = "";
let sluiceUrl = "";
beforeAll(async () => {
  [sparkUrl, sluiceUrl] = await Promise.all([sparkConnect(), started([join(root, "runtime/main.ts"), "serve", "--connect-port", "0"]).then((s) => s.url)]);
}, 600_000);

afterAll(async () => {
  await Promise.all(children.filter((c) => c.exitCode === null).map((c) => new Promise((r) => {
    c.on("exit", r);
    c.kill("SIGTERM");
  })));
});

describe("a broken result stream is reattached", () => {
  for (const [name, target] of [["Spark's Connect server", () => sparkUrl], ["sluice serve", () => sluiceUrl]] as const) {
    test(name, async () => {
      const proxy = await started([join(import.meta.dir, "breaking_proxy.ts"), target(), "300000"]);
      const spark = SparkSession.builder.remote(proxy.url).config("spark.sql.shuffle.partitions", "2").create();
      try {
        const { rows } = spark.range(300_000).select(F.col("id"), F.expr("repeat('x', 20)").alias("s")).collectRaw();
        expect(rows.length).toBe(300_000);
        expect(rows[0]).toEqual([0, "x".repeat(20)]);
        expect(rows.at(-1)).toEqual([299_999, "x".repeat(20)]);
        expect(rows.every((r, i) => r[0] === i)).toBe(true);
        // The cut happened, and the rest came over a second connection.
        await Bun.sleep(50);
        expect(proxy.output()).toMatch(/broken after \d+ bytes\nconnection 2\n/);
      } finally {
        await spark.stop();
      }
    }, 120_000);
  }

  test("PySpark's Connect client reattaches to sluice serve", async () => {
    const proxy = await started([join(import.meta.dir, "breaking_proxy.ts"), sluiceUrl, "300000"]);
    const script = `
from pyspark.sql import SparkSession
spark = SparkSession.builder.remote("${proxy.url}").getOrCreate()
rows = spark.range(300000).selectExpr("id", "repeat('x', 20) AS s").collect()
print(len(rows), rows[-1].id, all(r.id == i for i, r in enumerate(rows)))
spark.stop()`;
    const child = spawn("python3", ["-c", script], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    const code = await new Promise((r) => child.on("exit", r));
    expect(err === "" || code === 0 ? out.trim() : err).toBe("300000 299999 True");
    expect(proxy.output()).toMatch(/broken after \d+ bytes\nconnection 2\n/);
  }, 120_000);
});
