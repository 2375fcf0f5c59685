// The admin API of the real binary over HTTP: the binary built as CI builds it (sluice_binary.ts),
// running a pipeline with --admin-port 0 (a free port, announced on stderr), watch its
// queries and stop them over HTTP until the process exits by itself.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { buildTimeoutMs, repoRoot, sluiceBinary } from "./sluice_binary.ts";

const token = "e2e-token";
let dir = "";
let binary = "";
let proc: ReturnType<typeof Bun.spawn> | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sluice-admin-"));
  binary = await sluiceBinary();
}, buildTimeoutMs);

afterAll(() => {
  if (proc && proc.exitCode === null) proc.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Reads the child's stderr until the admin API's address shows up. */
async function adminAddress(stderr: ReadableStream<Uint8Array>): Promise<{ base: string; rest: Promise<string> }> {
  const reader = stderr.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`the binary ended before announcing the admin API:\n${text}`);
    text += decoder.decode(value);
    const m = /admin API on (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(text);
    if (m) {
      const rest = (async () => {
        for (;;) {
          const next = await reader.read();
          if (next.done) return text;
          text += decoder.decode(next.value);
        }
      })();
      return { base: m[1]!, rest };
    }
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(50);
  }
}

describe("the binary's admin API over HTTP", () => {
  test("ready, queries, progress, metrics, stop with a token, then the process exits 0", async () => {
    const pipeline = join(dir, "two.pipeline.ts");
    writeFileSync(pipeline, `import { SparkSession } from "sluice";
const spark = SparkSession.builder.appName("admin-e2e").getOrCreate();
const rate = spark.readStream.format("rate").option("rowsPerSecond", 50).load();
rate.writeStream.format("memory").queryName("ticks").trigger({ processingTime: "100 milliseconds" }).start();
rate.filter("value % 2 = 0").writeStream.format("memory").queryName("evens").trigger({ processingTime: "100 milliseconds" }).start();
`);
    proc = Bun.spawn([binary, "run", pipeline, "--admin-port", "0"], {
      cwd: dir, stdout: "pipe", stderr: "pipe", env: { ...process.env, SLUICE_ADMIN_TOKEN: token },
    });
    const { base, rest } = await adminAddress(proc.stderr as ReadableStream<Uint8Array>);
    const get = async (path: string) => {
      const res = await fetch(base + path);
      return { status: res.status, body: res.headers.get("content-type")?.includes("json") ? await res.json() as any : await res.text() };
    };

    expect(await get("/api/v1/health")).toEqual({ status: 200, body: { status: "ok" } });
    expect((await get("/api/v1/version")).body).toMatchObject({ sluice: pkg.version, runtime: "bun", compiledBinary: true });
    await until("ready", async () => ((await get("/api/v1/ready")).status === 200 ? true : undefined));

    const queries = (await get("/api/v1/queries")).body.queries as any[];
    expect(queries.map((q) => [q.name, q.status, q.sources[0].format, q.sink.format])).toEqual([
      ["ticks", "running", "rate", "memory"],
      ["evens", "running", "rate", "memory"],
    ]);
    const [ticks, evens] = queries;
    const progress = await until("a batch with rows", async () => {
      const p = (await get(`/api/v1/queries/${ticks.id}/progress?limit=1`)).body.progress;
      return p.length === 1 && p[0].numInputRows > 0 ? p[0] : undefined;
    });
    expect(Object.keys(progress)).toEqual(expect.arrayContaining(["id", "runId", "batchId", "numInputRows", "durationMs", "sources", "sink"]));
    expect((await get("/metrics")).body).toContain(`sluice_query_input_rows_total{query_id="${ticks.id}",query_name="ticks"}`);
    expect((await get("/api/v1/openapi.json")).body.openapi).toBe("3.1.0");
    // The dashboard is in the binary: the page, its modules and uPlot, byte for byte.
    const page = await get("/");
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" src="/assets/main.mjs"></script>');
    for (const [name, source] of [["main.mjs", "runtime/admin/dashboard/page/main.mjs"], ["uPlot.esm.js", "node_modules/uplot/dist/uPlot.esm.js"]]) {
      expect((await get(`/assets/${name}`)).body).toBe(readFileSync(join(repoRoot, source!), "utf8"));
    }
    const events = await fetch(`${base}/api/v1/events`);
    const reader = events.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("event: queries\ndata: ");
    await reader.cancel();

    const stop = (id: string, auth?: string) =>
      fetch(`${base}/api/v1/queries/${id}/stop`, { method: "POST", headers: auth ? { authorization: `Bearer ${auth}` } : {} });
    const denied = await stop(ticks.id);
    expect(denied.status).toBe(401);
    expect((await denied.json() as any).error.code).toBe("UNAUTHORIZED");
    const stopped = await stop(ticks.id, token);
    expect(stopped.status).toBe(200);
    expect((await stopped.json() as any).status).toBe("stopped");
    expect((await stop(ticks.id, token)).status).toBe(200); // idempotent
    expect((await stop("no-such-query", token)).status).toBe(404);
    expect((await get("/api/v1/ready")).status).toBe(200); // evens still runs

    // Stopping the last query ends `sluice run` with 0, after answering.
    const last = await stop(evens.id, token);
    expect(last.status).toBe(200);
    expect(await proc.exited).toBe(0);
    const stderr = await rest;
    expect(stderr).not.toContain("error");
  }, 60_000);
});
