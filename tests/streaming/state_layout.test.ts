// State store v2 in a query's checkpoint: Spark's layout state/<op>/<partition>/, the partition
// count pinned at the first start (spark.sql.shuffle.partitions) and kept by restarts, Spark 4's
// operator metadata, and checkpoints written by Sluice before v2 (fixtures/v1-checkpoints/:
// everything in partition 0, no metadata) resuming with the same answers as a query that ran
// straight through.
import { afterEach, describe, expect, test } from "bun:test";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "sluice";
import { LEGACY_QUERIES } from "./legacy_checkpoint_queries.ts";

const FIXTURES = join(import.meta.dir, "fixtures", "v1-checkpoints");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "sluice-state-layout-"));
  dirs.push(d);
  return d;
};

const session = (conf: Record<string, string> = {}) => {
  const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").create();
  spark.log.info = () => {};
  spark.log.warn = () => {};
  for (const [k, v] of Object.entries(conf)) spark.conf.set(k, v);
  return spark;
};

/** Runs `name` once per trigger-once start from `checkpoint`; returns the rows each run wrote. */
async function runLegacy(name: string, checkpoint: string, runs: number, conf: Record<string, string> = {}): Promise<unknown[][][]> {
  const out: unknown[][][] = [];
  for (let run = 0; run < runs; run++) {
    const spark = session(conf);
    const { df, mode } = LEGACY_QUERIES[name]!(spark, F);
    const rows: unknown[][] = [];
    const q = df.writeStream.outputMode(mode).option("checkpointLocation", checkpoint).trigger({ once: true })
      .foreachBatch((b) => void rows.push(...b.collectRaw().rows)).start();
    await q.awaitTermination();
    out.push(rows.map((r) => JSON.parse(JSON.stringify(r))).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
  }
  return out;
}

const metadataOf = (checkpoint: string, op = 0) => readFileSync(join(checkpoint, "state", String(op), "_metadata", "metadata"), "utf8");
const partitionDirs = (checkpoint: string, op = 0) => readdirSync(join(checkpoint, "state", String(op))).filter((n) => n !== "_metadata").sort((a, b) => Number(a) - Number(b));

describe("layout", () => {
  test("keys are hashed into spark.sql.shuffle.partitions partitions, written as Spark 4 writes its metadata", async () => {
    const checkpoint = join(tempDir(), "cp");
    await runLegacy("window_counts", checkpoint, 2, { "spark.sql.shuffle.partitions": "3" });
    expect(partitionDirs(checkpoint)).toEqual(["0", "1", "2"]);
    for (const p of ["0", "1", "2"]) expect(readdirSync(join(checkpoint, "state", "0", p))).toEqual(["1.delta", "2.delta"]);
    expect(metadataOf(checkpoint)).toBe(
      'v1\n{"operatorInfo":{"operatorId":0,"operatorName":"stateStoreSave"},"stateStoreInfo":[{"storeName":"default","numColsPrefixKey":0,"numPartitions":3}]}',
    );
  });

  test("Sluice's default is 8 partitions; a restart keeps the checkpoint's count whatever the session says", async () => {
    const checkpoint = join(tempDir(), "cp");
    await runLegacy("dedup", checkpoint, 1);
    expect(partitionDirs(checkpoint)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7"]);
    const spark = session();
    const warnings: string[] = [];
    spark.log.warn = (m) => void warnings.push(m);
    spark.conf.set("spark.sql.shuffle.partitions", "2");
    const { df, mode } = LEGACY_QUERIES.dedup!(spark, F);
    const q = df.writeStream.outputMode(mode).option("checkpointLocation", checkpoint).trigger({ once: true }).foreachBatch(() => {}).start();
    await q.awaitTermination();
    expect(partitionDirs(checkpoint).length).toBe(8);
    expect(readFileSync(join(checkpoint, "offsets", "1"), "utf8")).toContain('"spark.sql.shuffle.partitions":"8"');
    expect(warnings).toContain("Updating the value of conf 'spark.sql.shuffle.partitions' in current session from '2' to '8'.");
    expect((q.lastProgress!.stateOperators as { numShufflePartitions: number; numStateStoreInstances: number }[])[0])
      .toMatchObject({ numShufflePartitions: 8, numStateStoreInstances: 8 });
  });

  test("an operator without keys keeps its state in partition 0", async () => {
    const checkpoint = join(tempDir(), "cp");
    const spark = session();
    const q = spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 5).load().groupBy().count()
      .writeStream.outputMode("complete").option("checkpointLocation", checkpoint).trigger({ once: true }).foreachBatch(() => {}).start();
    await q.awaitTermination();
    expect(partitionDirs(checkpoint)).toEqual(["0"]);
  });

  test("a bad partition count is refused at start with Spark's conf error", () => {
    const spark = session({ "spark.sql.shuffle.partitions": "0" });
    expect(() => LEGACY_QUERIES.dedup!(spark, F).df.writeStream.foreachBatch(() => {}).start()).toThrow("INVALID_CONF_VALUE.REQUIREMENT");
  });
});

describe("checkpoints written before state store v2", () => {
  for (const name of Object.keys(LEGACY_QUERIES)) {
    test(`${name}: resumes from partition 0 and gives the answers of a straight run`, async () => {
      const checkpoint = join(tempDir(), name);
      cpSync(join(FIXTURES, name), checkpoint, { recursive: true });
      const resumed = await runLegacy(name, checkpoint, 3);
      const straight = (await runLegacy(name, join(tempDir(), "straight"), 6)).slice(3);
      expect(resumed).toEqual(straight);
      expect(resumed.flat().length).toBeGreaterThan(0);
      // The operator keeps its one partition, now described by Spark's metadata file.
      expect(partitionDirs(checkpoint)).toEqual(["0"]);
      expect(metadataOf(checkpoint)).toContain('"numPartitions":1}');
      expect(readdirSync(join(checkpoint, "state", "0", "0"))).toContain("6.delta");
    });
  }

  test("state in other partitions without metadata is refused, naming what was found", async () => {
    const checkpoint = join(tempDir(), "window_counts");
    cpSync(join(FIXTURES, "window_counts"), checkpoint, { recursive: true });
    mkdirSync(join(checkpoint, "state", "0", "1"));
    const spark = session();
    const { df, mode } = LEGACY_QUERIES.window_counts!(spark, F);
    const q = df.writeStream.outputMode(mode).option("checkpointLocation", checkpoint).trigger({ once: true }).foreachBatch(() => {}).start();
    const err = await q.awaitTermination().then(() => undefined, (e) => e);
    expect(err?.code).toBe("CANNOT_LOAD_STATE_STORE.UNCATEGORIZED");
    expect(err?.message).toContain("holds '0', '1' but no operator metadata");
  });

  test("a checkpoint of another operator is refused with Spark's error", async () => {
    const checkpoint = join(tempDir(), "cp");
    cpSync(join(FIXTURES, "dedup"), checkpoint, { recursive: true });
    const spark = session();
    const { df, mode } = LEGACY_QUERIES.window_counts!(spark, F);
    const q = df.writeStream.outputMode(mode).option("checkpointLocation", checkpoint).trigger({ once: true }).foreachBatch(() => {}).start();
    const err = await q.awaitTermination().then(() => undefined, (e) => e);
    expect(err?.code).toBe("STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA");
  });

  test("the metadata file decides, once written", async () => {
    const checkpoint = join(tempDir(), "cp");
    cpSync(join(FIXTURES, "dedup"), checkpoint, { recursive: true });
    await runLegacy("dedup", checkpoint, 1);
    // Move the schema away: the metadata alone still names the operator.
    renameSync(join(checkpoint, "state", "0", "_metadata", "schema"), join(checkpoint, "schema.bak"));
    const spark = session();
    const { df, mode } = LEGACY_QUERIES.window_counts!(spark, F);
    const q = df.writeStream.outputMode(mode).option("checkpointLocation", checkpoint).trigger({ once: true }).foreachBatch(() => {}).start();
    const err = await q.awaitTermination().then(() => undefined, (e) => e);
    expect(err?.code).toBe("STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA");
    expect(existsSync(join(checkpoint, "state", "0", "1"))).toBe(false);
  });
});
