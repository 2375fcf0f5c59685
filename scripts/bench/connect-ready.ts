// How soon a Spark Connect endpoint answers after its process is started: `sluice serve` (the
// binary, or `bun runtime/main.ts` with --source) against Spark 4.1.1's own Connect server
// (scripts/spark/start-connect.sh). Each side is its own process, started alternately (A B A B …);
// the clock runs from spawn until a Config call (the first thing a PySpark client sends) succeeds.
// Medians and each side's peak RSS (from /proc, sampled while waiting).
// Usage: bun scripts/bench/connect-ready.ts [runs=5] [--source] [--no-spark]
// Last line: one JSON object.
import { create } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigRequestSchema, SparkConnectService } from "../../runtime/connect/gen/spark/connect/base_pb.ts";

const root = resolve(import.meta.dir, "../..");
const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
const fromSource = args.includes("--source");
const withSpark = !args.includes("--no-spark");

async function freePort(): Promise<number> {
  return new Promise((r) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => r(port));
    });
  });
}

function rssKb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Milliseconds until a Config call on 127.0.0.1:port succeeds. */
async function untilReady(port: number, started: number, alive: () => boolean): Promise<number> {
  const client = createClient(SparkConnectService, createGrpcTransport({ baseUrl: `http://127.0.0.1:${port}` }));
  for (;;) {
    if (!alive()) throw new Error("the server exited");
    try {
      await client.config(create(ConfigRequestSchema, { sessionId: crypto.randomUUID(), operation: { opType: { case: "getAll", value: {} } } }));
      return performance.now() - started;
    } catch {
      await new Promise((r) => setTimeout(r, 2));
    }
  }
}

let binary = "";
if (!fromSource) {
  const dir = mkdtempSync(join(tmpdir(), "sluice-bench-ready-"));
  binary = join(dir, "sluice");
  execFileSync(process.execPath, [join(root, "scripts/build.ts"), "--outfile", binary], { stdio: "inherit" });
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
}

async function sluiceOnce(): Promise<{ ms: number; rssMb: number }> {
  const port = await freePort();
  const cmd = fromSource ? [process.execPath, join(root, "runtime/main.ts")] : [binary];
  const started = performance.now();
  const child = spawn(cmd[0]!, [...cmd.slice(1), "serve", "--connect-port", String(port)], { stdio: "ignore" });
  const ms = await untilReady(port, started, () => child.exitCode === null);
  const rssMb = rssKb(child.pid!) / 1024;
  child.kill("SIGTERM");
  await new Promise((r) => child.on("exit", r));
  return { ms, rssMb };
}

async function sparkOnce(): Promise<{ ms: number; rssMb: number }> {
  const dir = mkdtempSync(join(tmpdir(), "sluice-bench-spark-"));
  const started = performance.now();
  try {
    const url = execFileSync("bash", [join(root, "scripts/spark/start-connect.sh"), dir], { encoding: "utf8" }).trim().split("\n").at(-1)!;
    const port = Number(url.split(":").at(-1));
    const ms = await untilReady(port, started, () => true);
    const pid = Number(readFileSync(join(dir, "pid"), "utf8"));
    return { ms, rssMb: rssKb(pid) / 1024 };
  } finally {
    execFileSync("bash", [join(root, "scripts/spark/stop-connect.sh"), dir]);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sluice: { ms: number; rssMb: number }[] = [];
const spark: { ms: number; rssMb: number }[] = [];
for (let i = 0; i < runs; i++) {
  sluice.push(await sluiceOnce());
  console.log(`sluice serve ready in ${sluice.at(-1)!.ms.toFixed(0)} ms`);
  if (withSpark) {
    spark.push(await sparkOnce());
    console.log(`Spark Connect server ready in ${spark.at(-1)!.ms.toFixed(0)} ms`);
  }
}
console.log(JSON.stringify({
  bench: "connect-ready", runs, sluice: fromSource ? "source" : "binary",
  sluiceReadyMsMedian: Math.round(median(sluice.map((r) => r.ms))), sluicePeakRssMb: Math.round(Math.max(...sluice.map((r) => r.rssMb))),
  ...(withSpark ? {
    sparkReadyMsMedian: Math.round(median(spark.map((r) => r.ms))), sparkPeakRssMb: Math.round(Math.max(...spark.map((r) => r.rssMb))),
    ratio: Number((median(spark.map((r) => r.ms)) / median(sluice.map((r) => r.ms))).toFixed(1)),
  } : {}),
}));
