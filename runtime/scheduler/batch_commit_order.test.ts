// The order a batch is made durable in: offsets/N, then the rows reach the sink, the operators'
// state of every partition is written, the sink commits, and only then commits/N. A crash between
// any two steps re-runs the batch from the state version before it.
import { afterEach, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SparkSession } from "sluice";
import { defineSink, defineSource, type Offset } from "../plugin/contract.ts";
import { parseSchemaDDL } from "../types/ddl.ts";

const schema = parseSchemaDDL("k STRING");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

test("offsets, rows to the sink, state of every partition, the sink's commit, then commits/N", async () => {
  const checkpoint = mkdtempSync(join(tmpdir(), "sluice-commit-order-"));
  dirs.push(checkpoint);
  const spark = SparkSession.builder.config("spark.sql.shuffle.partitions", "2").create();
  const seen: string[] = [];
  const files = () => [
    existsSync(join(checkpoint, "offsets", "0")) ? "offsets/0" : "",
    existsSync(join(checkpoint, "state", "0", "0", "1.delta")) && existsSync(join(checkpoint, "state", "0", "1", "1.delta")) ? "state v1" : "",
    existsSync(join(checkpoint, "commits", "0")) ? "commits/0" : "",
  ].filter((x) => x).join(" ");
  spark.plugins.registry.register(defineSource<Record<string, never>>({
    name: "once", summary: "One batch of keys (tests only).", options: { type: "object", properties: {} }, schema: () => schema,
    create: () => ({
      schema, description: "once",
      latestOffset: (start: Offset) => (start === null ? 0 : start),
      getBatch: () => [["a"], ["b"], ["a"]],
    }),
  }), "test");
  spark.plugins.registry.register(defineSink({
    name: "observer", summary: "Notes which checkpoint files exist at each call (tests only).", options: { type: "object", properties: {} },
    outputModes: ["update"], requiresCheckpoint: true,
    create: () => ({
      description: "observer",
      addBatch: () => {
        throw new Error("beginBatch is preferred");
      },
      beginBatch: () => ({
        write: (rows) => void seen.push(`write ${rows.length}: ${files()}`),
        commit: () => void seen.push(`commit: ${files()}`),
      }),
    }),
  }), "test");
  const q = spark.readStream.format("once").load().groupBy("k").count()
    .writeStream.outputMode("update").format("observer").option("checkpointLocation", checkpoint).start();
  await q.processAllAvailable();
  await q.stop();
  expect(seen).toEqual(["write 2: offsets/0", "commit: offsets/0 state v1"]);
  expect(files()).toBe("offsets/0 state v1 commits/0");
});
