// `sluice explain` and `sluice validate` in this process: pipelines are imported in a dry run.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SparkSession } from "../api/session.ts";
import { explainCommand } from "./explain.ts";
import { validateCommand } from "./validate.ts";

// Inside the repository, so that "sluice" resolves through package.json's exports: these tests do
// not register the module (that would change what "sluice" is for the rest of the test process).
const scratch = join(import.meta.dir, "../../.tmp");
mkdirSync(scratch, { recursive: true });
const dir = mkdtempSync(join(scratch, "plan-"));
const local = { registerEngine: false };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** A pipeline file (a new file each time: a module is imported once per process). */
function pipeline(body: string): string {
  const path = join(dir, `p${++n}.pipeline.ts`);
  writeFileSync(path, `import { SparkSession, functions as F } from "sluice";\nconst spark = SparkSession.builder.getOrCreate();\n${body}\n`);
  return path;
}

/** Every query any session of this process started. */
const startedQueries = () => SparkSession.liveSessions().flatMap((s) => s.streams.tracker.started());

function io() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { writeStdout: (t: string) => void (out.stdout += t), writeStderr: (t: string) => void (out.stderr += t) } };
}

const twoQueries = (checkpoint: string) => `
const events = spark.readStream.format("rate").option("rowsPerSecond", 5).load();
const counts = events.withColumn("bucket", F.col("value").mod(3)).groupBy("bucket").count();
const a = counts.writeStream.outputMode("complete").format("memory").queryName("counts").start();
const b = events.filter("value > 2").writeStream.format("console").option("checkpointLocation", ${JSON.stringify(checkpoint)})
  .trigger({ availableNow: true }).start();
await a.awaitTermination();
throw new Error("not reached: awaitTermination of a planned query does not return");
`;

describe("sluice explain", () => {
  test("prints each query's plan, starts nothing and writes no checkpoint", async () => {
    const checkpoint = join(dir, "never-created");
    const before = startedQueries().length;
    const { out, io: cmdIo } = io();
    const code = await explainCommand({ command: "explain", pipeline: pipeline(twoQueries(checkpoint)), plugins: [], conf: [], extended: false }, cmdIo, local);
    expect(out.stderr).toBe("");
    expect(code).toBe(0);
    expect(out.stdout).toBe(`== Query 'counts': rate -> memory (complete, ProcessingTimeTrigger(0)) ==
== Physical Plan ==
StateStoreSave [bucket], state info [ opId = 0, numPartitions = 8 ], Complete, functions=[merge_count(1)]
+- Exchange hashpartitioning(bucket, 8)
   +- HashAggregate(keys=[bucket], functions=[partial_count(1)])
      +- *(1) Project [timestamp, value, (value % 3) AS bucket]
         +- StreamingScan rate [timestamp, value], PushedFilters: [], ReadSchema: struct<timestamp:timestamp,value:bigint>

== Query (unnamed): rate -> console (append, AvailableNowTrigger) ==
Checkpoint: ${checkpoint}
== Physical Plan ==
*(1) Filter (value > 2)
+- StreamingScan rate [timestamp, value], PushedFilters: [], ReadSchema: struct<timestamp:timestamp,value:bigint>
`);
    expect(existsSync(checkpoint)).toBe(false);
    expect(startedQueries().length).toBe(before);
  });

  test("--extended adds the analyzed plan with types", async () => {
    const { out, io: cmdIo } = io();
    const path = pipeline(`spark.readStream.format("rate").load().writeStream.format("console").start();`);
    expect(await explainCommand({ command: "explain", pipeline: path, plugins: [], conf: [], extended: true }, cmdIo, local)).toBe(0);
    expect(out.stdout).toContain("== Analyzed Logical Plan ==\ntimestamp: timestamp, value: bigint\nStreamingRelation rate");
  });

  test("the plans made before a failure are printed, then the error; exit 1", async () => {
    const { out, io: cmdIo } = io();
    const path = pipeline(`
spark.readStream.format("rate").load().writeStream.format("console").queryName("first").start();
spark.readStream.format("rate").load().selectExpr("nope + 1").writeStream.format("console").start();`);
    expect(await explainCommand({ command: "explain", pipeline: path, plugins: [], conf: [], extended: false }, cmdIo, local)).toBe(1);
    expect(out.stdout).toStartWith("== Query 'first': rate -> console");
    expect(out.stderr).toStartWith("error [UNRESOLVED_COLUMN.WITH_SUGGESTION]:");
  });
});

describe("sluice validate", () => {
  test("lists the valid queries, exit 0", async () => {
    const { out, io: cmdIo } = io();
    const code = await validateCommand({ command: "validate", pipeline: pipeline(twoQueries(join(dir, "cp2"))), plugins: [], conf: [] }, cmdIo, local);
    expect(out.stderr).toBe("");
    expect(code).toBe(0);
    expect(out.stdout).toBe(`valid: 2 streaming queries
  'counts': rate -> memory (complete, ProcessingTimeTrigger(0))
  (unnamed): rate -> console (append, AvailableNowTrigger)
`);
  });

  test("an invalid option, output mode or duplicate name is exit 1 with the error's code", async () => {
    const cases: [string, RegExp][] = [
      [`spark.readStream.format("rate").load().writeStream.format("console").option("numRows", "many").start();`, /^error \[PLUGIN_OPTIONS_INVALID\]: Invalid option for the sink 'console':\n  - option 'numRows'/],
      [`spark.readStream.format("rate").option("rowsPerSecond", -1).load().writeStream.format("console").start();`, /rowsPerSecond/],
      [`spark.readStream.format("rate").load().writeStream.outputMode("complete").format("console").start();`, /^error \[STREAMING_OUTPUT_MODE\.UNSUPPORTED_OPERATION\]: Invalid streaming output mode: complete/],
      [`spark.readStream.format("rate").load().writeStream.format("memory").queryName("t").start();
spark.readStream.format("rate").load().writeStream.format("memory").queryName("t").start();`, /^error \[DUPLICATE_QUERY_NAME\]/],
    ];
    for (const [body, expected] of cases) {
      const { out, io: cmdIo } = io();
      expect(await validateCommand({ command: "validate", pipeline: pipeline(body), plugins: [], conf: [] }, cmdIo, local)).toBe(1);
      expect(out.stdout).toBe("");
      expect(out.stderr).toMatch(expected);
    }
  });

  test("a pipeline that starts no query is exit 1", async () => {
    const { out, io: cmdIo } = io();
    expect(await validateCommand({ command: "validate", pipeline: pipeline(`spark.range(3);`), plugins: [], conf: [] }, cmdIo, local)).toBe(1);
    expect(out.stderr).toStartWith("error [NO_STREAMING_QUERY]: The pipeline started no streaming query.\n");
  });

  test("a pipeline that waits on something else is done once no query has started for a while", async () => {
    const { out, io: cmdIo } = io();
    const path = pipeline(`spark.readStream.format("rate").load().writeStream.format("console").queryName("q").start();
await new Promise(() => {});`);
    expect(await validateCommand({ command: "validate", pipeline: path, plugins: [], conf: [] }, cmdIo, local)).toBe(0);
    expect(out.stdout).toBe("valid: 1 streaming query\n  'q': rate -> console (append, ProcessingTimeTrigger(0))\n");
  });
});
