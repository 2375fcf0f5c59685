// Spark's state data sources against PySpark 4.1.1: the same flatMapGroupsWithState query (a count
// per key with an event-time timeout; PySpark's applyInPandasWithState) runs in Sluice over the
// same rows with 3 state partitions, and spark.read.format("statestore") / ("state-metadata")
// must read back what PySpark's readers read from PySpark's checkpoint: the schema, every key's
// state and timeout in the same partition, the operator's metadata.
// Golden: scripts/goldens/state_reader.py -> state_reader_golden.json.
import { expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GroupStateTimeout, SparkSession } from "sluice";
import { toEncodedRow } from "./golden_values.ts";

interface Golden {
  rows: Record<string, string>[];
  schema: string;
  state: unknown[][];
  metadataSchema: string;
  metadata: unknown[][];
}
const golden = JSON.parse(readFileSync(join(import.meta.dir, "state_reader_golden.json"), "utf8")) as Golden;

test("statestore and state-metadata read a flatMapGroupsWithState checkpoint as PySpark's readers do", async () => {
  const work = mkdtempSync(join(tmpdir(), "sluice-state-reader-golden-"));
  try {
    mkdirSync(join(work, "in"));
    writeFileSync(join(work, "in", "rows.json"), golden.rows.map((r) => JSON.stringify(r) + "\n").join(""));
    const checkpoint = join(work, "checkpoint");
    const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "3").create();
    try {
      const q = spark.readStream.schema("ts TIMESTAMP, k STRING").json(join(work, "in"))
        .withWatermark("ts", "10 seconds").groupBy("k")
        .flatMapGroupsWithState((key, rows, state) => {
          const n = (state.exists ? (state.get.n as number) : 0) + rows.length;
          const newest = Math.max(...rows.map((r) => (r.ts as Date).getTime()));
          state.update([n]);
          state.setTimeoutTimestamp(newest + 60000);
          return [[key[0], n]];
        }, "k STRING, n LONG", "n LONG", "update", GroupStateTimeout.EventTimeTimeout)
        .writeStream.outputMode("update").option("checkpointLocation", checkpoint).foreachBatch(() => {}).trigger({ availableNow: true }).start();
      await q.awaitTermination();
      const state = spark.read.format("statestore").load(checkpoint);
      expect(state.schema.simpleString()).toBe(golden.schema);
      const raw = state.collectRaw();
      const rows = raw.rows.map((r) => toEncodedRow(r, raw.schema)).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      expect(rows).toEqual(golden.state as typeof rows);
      const meta = spark.read.format("state-metadata").load(checkpoint).drop("minBatchId", "maxBatchId");
      expect(meta.schema.simpleString()).toBe(golden.metadataSchema);
      const m = meta.collectRaw();
      // The one difference: PySpark's operator is applyInPandasWithState (FlatMapGroupsInPandasWithStateExec),
      // Sluice's is flatMapGroupsWithState (the API it runs).
      const expected = (golden.metadata as unknown[][]).map((r) => r.map((v, i) => (i === 1 && v === "applyInPandasWithState" ? "flatMapGroupsWithState" : v)));
      expect(m.rows.map((r) => toEncodedRow(r, m.schema))).toEqual(expected as ReturnType<typeof toEncodedRow>[]);
    } finally {
      await spark.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
