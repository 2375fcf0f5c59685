// The compiled binary with user plugins, as a user runs it: the two samples in samples/plugins/
// loaded with --plugin carry a pipeline from a local HTTP endpoint to a local webhook receiver;
// `sluice plugins list/describe` show them; a copy of a sample outside the repository uses an npm
// package from its own node_modules; and broken plugins stop the run with an error naming the file.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unpack } from "msgpackr";
import { buildTimeoutMs, exec, repoRoot, sluiceBinary } from "./sluice_binary.ts";

const pollSample = join(repoRoot, "samples/plugins/http-poll-source");
const hookSample = join(repoRoot, "samples/plugins/webhook-sink");

interface Delivery {
  path: string;
  idempotencyKey: string | null;
  document: { queryId: string; batchId: number; mode: string; rows: Record<string, unknown>[] };
}

const items: { id: number; product: string; amount: number }[] = [];
const polls: (string | null)[] = [];
const deliveries: Delivery[] = [];

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  async fetch(request) {
    const url = new URL(request.url);
    if (request.method === "GET" && url.pathname === "/orders") {
      polls.push(url.searchParams.get("since"));
      const since = Number(url.searchParams.get("since") ?? 0);
      return Response.json(items.filter((i) => i.id > since));
    }
    const bytes = new Uint8Array(await request.arrayBuffer());
    const document = request.headers.get("content-type") === "application/msgpack" ? unpack(bytes) : JSON.parse(new TextDecoder().decode(bytes));
    deliveries.push({ path: url.pathname, idempotencyKey: request.headers.get("idempotency-key"), document });
    return new Response(null, { status: 204 });
  },
});
const base = `http://127.0.0.1:${server.port}`;

let binary = "";
let work = "";

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "sluice-plugins-e2e-"));
  binary = await sluiceBinary();
}, buildTimeoutMs);

afterAll(() => {
  server.stop(true);
  if (work) rmSync(work, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const path = join(work, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** Runs the binary outside the repository, with only the environment given. */
function sluice(args: string[], env: Record<string, string> = {}) {
  return exec([binary, ...args], { cwd: work, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
}

const ordersPipeline = `import { functions as F, SparkSession } from "sluice";

const spark = SparkSession.builder.appName("orders-to-webhook").getOrCreate();
const orders = spark.readStream
  .format("http-poll")
  .option("url", process.env.ORDERS_URL!)
  .option("cursorField", "id")
  .option("maxItemsPerTrigger", "2")
  .load()
  .select(F.from_json(F.col("value"), "id INT, product STRING, amount DOUBLE").alias("o"))
  .select("o.id", "o.product", "o.amount")
  .filter(F.col("amount").gt(10));

const query = orders.writeStream
  .format("webhook")
  .option("url", process.env.HOOK_URL!)
  .option("checkpointLocation", process.env.CHECKPOINT!)
  .trigger({ availableNow: true })
  .start();
await query.awaitTermination();
`;

describe("dist/sluice with the sample plugins", () => {
  test("an HTTP endpoint to a webhook, resumed from the checkpoint: each batch posted once, keyed <queryId>-<batchId>", async () => {
    const pipeline = write("orders.pipeline.ts", ordersPipeline);
    const env = { ORDERS_URL: `${base}/orders`, HOOK_URL: `${base}/hook`, CHECKPOINT: join(work, "orders-checkpoint") };
    const args = ["run", pipeline, "--plugin", pollSample, "--plugin", hookSample];
    const amounts = [5, 20, 30, 8, 50];
    amounts.forEach((amount, i) => items.push({ id: i + 1, product: `p${i + 1}`, amount }));

    const first = await sluice(args, env);
    expect(first.stderr).not.toContain("error");
    expect(first.code).toBe(0);
    // Two items per batch (maxItemsPerTrigger), amounts above 10 only.
    const queryId = deliveries[0]!.document.queryId;
    expect(deliveries.map((d) => [d.idempotencyKey, d.document.batchId, d.document.rows])).toEqual([
      [`${queryId}-0`, 0, [{ id: 2, product: "p2", amount: 20 }]],
      [`${queryId}-1`, 1, [{ id: 3, product: "p3", amount: 30 }]],
      [`${queryId}-2`, 2, [{ id: 5, product: "p5", amount: 50 }]],
    ]);

    // New orders; the second run resumes from the checkpoint: same query id, next batch id, only the new rows.
    items.push({ id: 6, product: "p6", amount: 60 }, { id: 7, product: "p7", amount: 1 });
    const second = await sluice(args, env);
    expect(second.stderr).not.toContain("error");
    expect(second.code).toBe(0);
    expect(deliveries.slice(3).map((d) => [d.idempotencyKey, d.document.rows])).toEqual([
      [`${queryId}-3`, [{ id: 6, product: "p6", amount: 60 }]],
    ]);
    // The source asked only for what it had not journaled yet.
    expect(polls).toEqual([null, "5"]);
  });

  test("plugins list and describe include plugins from --plugin and SLUICE_PLUGIN_PATH", async () => {
    const list = await sluice(["plugins", "list", "--plugin", hookSample], { SLUICE_PLUGIN_PATH: pollSample });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^http-poll +source +Polls an HTTP endpoint .* \\(from ${pollSample}/mod.ts\\)$`, "m"));
    expect(list.stdout).toMatch(new RegExp(`^webhook +sink +POSTs each micro-batch .* \\(from ${hookSample}/mod.ts\\)$`, "m"));
    expect(list.stdout).toMatch(/^socket +source +Reads lines of UTF-8 text/m);

    const describe = await sluice(["plugins", "describe", "Http-Poll"], { SLUICE_PLUGIN_PATH: join(repoRoot, "samples/plugins") });
    expect(describe.code).toBe(0);
    expect(describe.stdout).toStartWith("http-poll (source)\n");
    expect(describe.stdout).toContain("  url  (string; required; matching /^https?:///)\n      The endpoint to GET.");
    expect(describe.stdout).toContain("  pollIntervalMs  (integer; default: 5000; >= 0)");
    expect(describe.stdout).toContain('    .option("cursorField", "id")');
  });

  test("a copy outside the repository uses msgpackr from its own node_modules", async () => {
    const copy = join(work, "my-webhook");
    mkdirSync(copy);
    cpSync(join(hookSample, "mod.ts"), join(copy, "mod.ts"));
    writeFileSync(join(copy, "package.json"), JSON.stringify({ name: "my-webhook", private: true, type: "module", dependencies: { msgpackr: "^2.1.3" } }));
    const pipeline = write("packed.pipeline.ts", `import { SparkSession } from "sluice";
const spark = SparkSession.builder.getOrCreate();
const q = spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 3).load()
  .selectExpr("value", "value % 2 = 0 AS even")
  .writeStream.format("webhook").option("url", process.env.HOOK_URL!).option("encoding", "msgpack")
  .trigger({ availableNow: true }).start();
await q.awaitTermination();
`);
    const args = ["run", pipeline, "--plugin", copy];
    const env = { HOOK_URL: `${base}/packed` };

    // Not installed yet: the plugin says what to do.
    const missing = await sluice(args, env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("error [WEBHOOK_MSGPACK_MISSING]: encoding \"msgpack\" needs the npm package msgpackr, which is not installed.");

    // `npm install` in the plugin's folder, offline: the repository's copy of the package.
    mkdirSync(join(copy, "node_modules"));
    symlinkSync(join(repoRoot, "node_modules/msgpackr"), join(copy, "node_modules/msgpackr"), "dir");
    const packed = await sluice(args, env);
    expect(packed.stderr).not.toContain("error");
    expect(packed.code).toBe(0);
    const got = deliveries.filter((d) => d.path === "/packed");
    expect(got.map((d) => d.document.rows)).toEqual([[{ value: 0, even: true }, { value: 1, even: false }, { value: 2, even: true }]]);
  });
});

describe("dist/sluice refuses broken plugins, naming the file", () => {
  const pipelineRan = () => join(work, "pipeline-ran");
  const pipeline = () =>
    write("marker.pipeline.ts", `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(pipelineRan())}, "yes");\n`);

  test("a module without a valid plugin stops the run before the pipeline", async () => {
    const bad = write("bad/mod.ts", "export const source = { name: 'half' };\n");
    const r = await sluice(["run", pipeline(), "--plugin", join(work, "bad")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toStartWith(
      `error [PLUGIN_INVALID]: ${bad} is not a valid plugin:\n  - it has no default export.\nhint: A plugin module's default export must be the value returned by defineSource(...) or defineSink(...).\n`,
    );
    expect(existsSync(pipelineRan())).toBe(false);
  });

  test("a module that throws while loading, found through SLUICE_PLUGIN_PATH", async () => {
    const broken = write("broken.ts", "import { defineSink } from 'sluice';\nthrow new Error('missing configuration');\nexport default defineSink;\n");
    const r = await sluice(["plugins", "list"], { SLUICE_PLUGIN_PATH: broken });
    expect(r.code).toBe(1);
    expect(r.stderr).toStartWith(`error [PLUGIN_LOAD_FAILED]: Could not load the plugin ${broken}: missing configuration\n`);
  });

  test("two plugins with one name", async () => {
    const source = (name: string) => `import { defineSource, types as T } from "sluice";
export default defineSource({
  name: ${JSON.stringify(name)}, summary: "A test source.", options: { type: "object", properties: {} },
  schema: () => new T.StructType([]), create() { throw new Error("unused"); },
});
`;
    const one = write("dup-one.ts", source("orders"));
    const two = write("dup-two/mod.ts", source("Orders"));
    const r = await sluice(["run", pipeline(), "--plugin", one, "--plugin", join(work, "dup-two")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toStartWith(`error [PLUGIN_DUPLICATE_NAME]: Two plugins define the source 'Orders': ${one} and ${two}.\n`);
    const builtin = await sluice(["plugins", "list", "--plugin", write("my-socket.ts", source("SOCKET"))]);
    expect(builtin.stderr).toStartWith(`error [PLUGIN_DUPLICATE_NAME]: Two plugins define the source 'SOCKET': a built-in plugin and ${join(work, "my-socket.ts")}.\n`);
    expect(existsSync(pipelineRan())).toBe(false);
  });

  test("a plugin whose factory throws fails the query with the plugin, its file and the cause", async () => {
    const plugin = write("exploding.ts", `import { defineSource, types as T } from "sluice";
export default defineSource({
  name: "exploding", summary: "Fails to start.", options: { type: "object", properties: {} },
  schema: () => new T.StructType([new T.StructField("v", new T.LongType())]),
  create() { return (undefined as unknown as { open(): never }).open(); },
});
`);
    const run = write("exploding.pipeline.ts", `import { SparkSession } from "sluice";
const q = SparkSession.builder.getOrCreate().readStream.format("exploding").load().writeStream.format("console").start();
await q.awaitTermination();
`);
    const r = await sluice(["run", run, "--plugin", plugin]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`[PLUGIN_FAILED]: The source 'exploding' (${plugin}) failed in create(): `);
    expect(r.stderr).toContain(`hint: The error was thrown by the plugin's own code in ${plugin}; the cause below has its stack.`);
    expect(r.stderr).toMatch(/caused by: .*undefined/);
    expect(r.stderr).toContain(`at create (${plugin}:`);
  });
});
