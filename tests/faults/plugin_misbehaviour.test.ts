// The plugin misbehaviour matrix (issue 17): sources and sinks that break the contract in each way
// the issue found, run through `sluice run` as a user would. Every case must end with a non-zero
// exit, an error naming the plugin, its file and the call, and no batch committed from the bad
// data — never exit 0, never a batch of garbage, never a hang. Prints one summary line.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runSluice, startSluice } from "./sluice_process.ts";

const dir = mkdtempSync(join(tmpdir(), "sluice-plugin-faults-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Case {
  id: string;
  /** Members of the source's reader object (schema and description are provided). */
  reader?: string;
  /** The source definition's schema() body, when it is the broken part. */
  schema?: string;
  /** The source definition's create() body, when it is the broken part. */
  create?: string;
  /** Members of a sink writer; the query writes to this sink instead of the console. */
  sink?: string;
  trigger?: string;
  conf?: Record<string, string>;
  code: string;
  /** The call the error must name. */
  call: string;
  /** Text the error must contain besides the plugin's name, file and call. */
  says?: string;
  /** Send SIGTERM once the query is stuck, with this grace period (ms). */
  sigterm?: number;
}

const OFFSETS_1 = "latestOffset: (s) => 1,";
const cases: Case[] = [
  { id: "offset NaN", reader: "latestOffset: () => NaN, getBatch: () => []", code: "PLUGIN_CONTRACT_VIOLATION", call: "latestOffset", says: "$ is NaN" },
  { id: "offset undefined under availableNow", reader: "latestOffset: () => undefined, getBatch: () => [[1]]", trigger: "{ availableNow: true }", code: "PLUGIN_CONTRACT_VIOLATION", call: "latestOffset", says: "$ is undefined" },
  { id: "offset with a cycle", reader: "latestOffset: () => { const o = { n: 1 }; o.self = o; return o; }, getBatch: () => []", code: "PLUGIN_CONTRACT_VIOLATION", call: "latestOffset", says: "$.self refers back" },
  { id: "offset a Date", reader: "latestOffset: () => new Date(0), getBatch: () => []", code: "PLUGIN_CONTRACT_VIOLATION", call: "latestOffset", says: "$ is a Date" },
  { id: "getBatch not an array", reader: `${OFFSETS_1} getBatch: async () => "rows"`, code: "PLUGIN_CONTRACT_VIOLATION", call: "getBatch", says: "not an array of rows" },
  { id: "rows of the wrong width", reader: `${OFFSETS_1} getBatch: () => [[1, 2]]`, code: "PLUGIN_CONTRACT_VIOLATION", call: "getBatch", says: "row 0 has 2 values; the schema (struct<id:bigint>) has 1 fields" },
  { id: "rows as objects", reader: `${OFFSETS_1} getBatch: () => [{ id: 1 }]`, code: "PLUGIN_CONTRACT_VIOLATION", call: "getBatch", says: "row 0 is an object" },
  { id: "values of the wrong type", reader: `${OFFSETS_1} getBatch: () => [["1"]]`, code: "PLUGIN_CONTRACT_VIOLATION", call: "getBatch", says: 'field id (bigint): the string "1" is not a long' },
  { id: "getBatch throws", reader: `${OFFSETS_1} getBatch: () => { throw new TypeError("cannot read properties of undefined"); }`, code: "PLUGIN_FAILED", call: "getBatch", says: "cannot read properties of undefined" },
  { id: "getBatch never settles", reader: `${OFFSETS_1} getBatch: () => new Promise(() => {})`, conf: { "sluice.plugin.callTimeoutMs": "400" }, code: "PLUGIN_CALL_TIMEOUT", call: "getBatch", says: "within 400 ms" },
  { id: "latestOffset never settles", reader: "latestOffset: () => new Promise(() => {}), getBatch: () => []", conf: { "sluice.plugin.callTimeoutMs": "400" }, code: "PLUGIN_CALL_TIMEOUT", call: "latestOffset" },
  { id: "addBatch never settles", reader: `${OFFSETS_1} getBatch: () => [[1]]`, sink: "addBatch: () => new Promise(() => {})", conf: { "sluice.plugin.callTimeoutMs": "400" }, code: "PLUGIN_CALL_TIMEOUT", call: "addBatch" },
  { id: "schema() not a StructType", schema: `return "id BIGINT";`, code: "PLUGIN_CONTRACT_VIOLATION", call: "schema", says: "not a StructType" },
  { id: "create() returns null", create: "return null;", code: "PLUGIN_CONTRACT_VIOLATION", call: "create", says: "not a reader object" },
  { id: "reader schema not a StructType", create: `return { schema: "id BIGINT", description: "bad", latestOffset: () => null, getBatch: () => [] };`, code: "PLUGIN_CONTRACT_VIOLATION", call: "create", says: "`schema` is not a StructType" },
  {
    id: "hang that keeps the process alive, then SIGTERM",
    reader: `${OFFSETS_1} getBatch: () => { setInterval(() => {}, 1000); return new Promise(() => {}); }`,
    sigterm: 500, code: "QUERY_STOP_TIMEOUT", call: "getBatch", says: "did not stop within 500 ms of SIGTERM",
  },
];

function writeCase(c: Case, n: number): { pipeline: string; plugin: string; sinkPlugin: string; checkpoint: string } {
  const plugin = join(dir, `bad-${n}.ts`);
  const sinkPlugin = join(dir, `badsink-${n}.ts`);
  const checkpoint = join(dir, `cp-${n}`);
  const reader = c.reader ?? "latestOffset: () => null, getBatch: () => []";
  writeFileSync(plugin, `import { defineSource, types as T } from "sluice";
const schema = new T.StructType([new T.StructField("id", new T.LongType())]);
export default defineSource({
  name: "bad", summary: "A source that breaks the contract.", options: { type: "object" },
  schema: () => { ${c.schema ?? "return schema;"} },
  create: () => { ${c.create ?? `return { schema, description: "bad", ${reader} };`} },
});
`);
  writeFileSync(sinkPlugin, `import { defineSink } from "sluice";
export default defineSink({
  name: "badsink", summary: "A sink that breaks the contract.", options: { type: "object" }, outputModes: ["append"],
  create: () => ({ description: "badsink", ${c.sink ?? "addBatch: () => {}"} }),
});
`);
  const pipeline = join(dir, `pipeline-${n}.ts`);
  writeFileSync(pipeline, `import { SparkSession } from "sluice";
const spark = SparkSession.builder.appName("faults").getOrCreate();
await spark.readStream.format("bad").load()
  .writeStream.format("${c.sink ? "badsink" : "console"}").option("checkpointLocation", ${JSON.stringify(checkpoint)})
  .trigger(${c.trigger ?? '{ processingTime: "100 milliseconds" }'}).start().awaitTermination();
`);
  return { pipeline, plugin, sinkPlugin, checkpoint };
}

const commitsIn = (checkpoint: string) => (existsSync(join(checkpoint, "commits")) ? readdirSync(join(checkpoint, "commits")).length : 0);
const results: { id: string; refused: boolean; exit: number; committed: number; named: boolean }[] = [];

describe("plugin misbehaviour matrix", () => {
  cases.forEach((c, n) => {
    test(c.id, async () => {
      const { pipeline, plugin, sinkPlugin, checkpoint } = writeCase(c, n);
      const args = ["--plugin", plugin, "--plugin", sinkPlugin, ...Object.entries(c.conf ?? {}).flatMap(([k, v]) => ["--conf", `${k}=${v}`])];
      let r;
      if (c.sigterm !== undefined) {
        const { proc, done } = startSluice(pipeline, [...args, "--conf", `sluice.shutdown.gracePeriodMs=${c.sigterm}`]);
        await new Promise((res) => setTimeout(res, 2500)); // started, and stuck in getBatch
        proc.kill("SIGTERM");
        const killer = setTimeout(() => proc.kill(9), 15_000);
        r = { ...(await done), timedOut: false };
        clearTimeout(killer);
      } else {
        r = await runSluice(pipeline, args, 20_000);
      }
      const committed = commitsIn(checkpoint);
      const named = r.stderr.includes(c.sink ? `The sink 'badsink' (${sinkPlugin})` : `The source 'bad' (${plugin})`) &&
        r.stderr.includes(`${c.call}()`);
      results.push({ id: c.id, refused: r.code !== 0 && r.stderr.includes(`[${c.code}]`), exit: r.code, committed, named });
      expect(r.timedOut).toBe(false);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`[${c.code}]`);
      expect(named).toBe(true);
      if (c.says) expect(r.stderr).toContain(c.says);
      expect(committed).toBe(0);
    }, 30_000);
  });

  afterAll(() => {
    const refused = results.filter((r) => r.refused && r.named).length;
    const exit0 = results.filter((r) => r.exit === 0).length;
    const committed = results.reduce((n, r) => n + r.committed, 0);
    console.log(`plugin misbehaviour: ${results.length} cases, ${refused} refused naming the plugin and call, ${exit0} exited 0, ${committed} batches committed`);
  });
});
