// The tutorial's eight examples written in PySpark (samples/NN/pipeline.py: as the tutorial writes
// them, plus the .remote(...) line), run by PySpark's Connect client against `sluice serve`.
// Those whose output is determined by their input print what they print against Spark 4.1.1's own
// Connect server (tutorial_golden.json, from scripts/goldens/tutorial_pyspark.ts): the client's
// lines exactly and the same console batches on the server's stdout. Those driven by the clock
// (rate, processing-time triggers, a socket) run for a few seconds and are checked for the
// batches their queries must print.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSocketServer } from "../../scripts/socket_server.ts";
import { consoleBatches, type ExampleOutput, FILE_EXAMPLES, repoRoot, runExample } from "./tutorial_examples.ts";
import golden from "./tutorial_golden.json" with { type: "json" };

/**
 * Where Sluice's engine prints something else than Spark, and why: each entry is a client line
 * Spark prints and the line Sluice prints instead (the test fails when they agree again).
 */
const KNOWN_DIFFERENCES: Record<string, [spark: string, sluice: string]> = {};

let server: ChildProcess | undefined;
let url = "";
let serverOut = "";
const scratch = mkdtempSync(join(tmpdir(), "sluice-tutorial-py-"));

beforeAll(async () => {
  const probe = spawnSync("python3", ["-c", "import pyspark, grpc, pyarrow, pandas; assert pyspark.__version__ == '4.1.1'"]);
  if (probe.status !== 0) {
    const pip = spawnSync("python3", ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "pyspark[connect]==4.1.1"], { stdio: "inherit" });
    if (pip.status !== 0) throw new Error("pip could not install pyspark[connect]==4.1.1");
  }
  server = spawn(process.execPath, [join(repoRoot, "runtime/main.ts"), "serve", "--connect-port", "0"], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (d: Buffer) => (serverOut += d.toString()));
  url = await new Promise<string>((resolve, reject) => {
    let err = "";
    server!.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      const m = /sc:\/\/[0-9.]+:\d+/.exec(err);
      if (m) resolve(m[0]);
    });
    server!.on("exit", (code) => reject(new Error(`sluice serve exited ${code}: ${err}`)));
  });
}, 300_000);

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server!.on("exit", r));
  server.kill("SIGTERM");
  await exited;
});

/** Runs an example against sluice serve: the client's stdout and the console batches it caused. */
async function onSluice(sample: string, env: Record<string, string>): Promise<ExampleOutput> {
  const before = serverOut.length;
  const client = await runExample(sample, url, env);
  return { client, console: consoleBatches(serverOut.slice(before)) };
}

describe("the tutorial's examples in PySpark on sluice serve", () => {
  for (const [sample, prepare] of Object.entries(FILE_EXAMPLES)) {
    test(`${sample} prints what it prints on Spark`, async () => {
      const dir = join(scratch, sample);
      prepare(dir);
      const got = await onSluice(sample, { SLUICE_SAMPLE_DIR: dir });
      const want = (golden as Record<string, ExampleOutput>)[sample]!;
      const known = KNOWN_DIFFERENCES[sample];
      expect(got.client).toBe(known ? want.client.replace(known[0], known[1]) : want.client);
      if (known) expect(want.client).toContain(known[0]);
      expect(got.console).toEqual(want.console);
    }, 120_000);
  }

  test("01-basic-streaming: rate rows with the computed columns, a batch a second", async () => {
    const got = await onSluice("01-basic-streaming", { SLUICE_SAMPLE_SECONDS: "3" });
    expect(got.console.length).toBeGreaterThanOrEqual(2);
    const all = got.console.join("\n");
    expect(all).toMatch(/\|timestamp +\|value\|doubled\|is_even\|second\|/);
    expect(all).toMatch(/\|3 +\|6 +\|false +\|\d+ +\|/);
  }, 120_000);

  test("02-output-modes: complete, update and append print their batches", async () => {
    const got = await onSluice("02-output-modes", { SLUICE_SAMPLE_SECONDS: "5" });
    const headers = new Set(got.console.map((b) => b.split("\n")[2]));
    // complete and update: bucket and count; append: the window too.
    expect(headers).toContain("|bucket|count|");
    expect([...headers].some((h) => /^\|window *\|bucket\|count\|$/.test(h!))).toBe(true);
    // Complete mode shows all three buckets once the rate source has produced them.
    expect(got.console.some((b) => (b.match(/^\| +[012]\| +\d+\|$/gm) ?? []).length === 3)).toBe(true);
  }, 120_000);

  test("05-socket-word-count: the words sent on the socket, counted, most frequent first", async () => {
    const socket = await startSocketServer({ port: 0, lines: ["the quick brown fox", "the lazy dog", "the end"], intervalMs: 200 });
    try {
      const got = await onSluice("05-socket-word-count", { SLUICE_SAMPLE_SECONDS: "4", SLUICE_SOCKET_HOST: socket.host, SLUICE_SOCKET_PORT: String(socket.port) });
      const last = got.console.filter((b) => b.includes("|  the|    3|")).at(-1);
      expect(last).toBeDefined();
      expect(last).toContain("|  dog|    1|");
      expect(last).toContain("|quick|    1|");
    } finally {
      await socket.close();
    }
  }, 120_000);
});
