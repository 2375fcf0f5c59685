// Every option delta-spark's DeltaOptions accepts is implemented, accepted without an effect (with
// a warning that says why) or refused with why; a name Delta does not know stays an error.
import { afterAll, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { SparkSession } from "sluice";
import { SluiceError } from "sluice/plugin-sdk";
import sink from "./sink.ts";
import source from "./source.ts";
import { readTable, scratch } from "./test_table.ts";

// DeltaOptions.validOptionKeys of delta-spark 4.0 (spark/src/main/scala/org/apache/spark/sql/delta/DeltaOptions.scala),
// without the internal marker DataFrameWriter V1's saveAsTable sets.
const DELTA_OPTIONS = [
  "replaceOn", "replaceUsing", "targetAlias", "replaceWhere", "mergeSchema", "excludeRegex",
  "overwriteSchema", "userMetadata", "useNullIntolerantEqualityWithDPO", "partitionOverwriteMode", "maxFilesPerTrigger",
  "ignoreFileDeletion", "ignoreChanges", "ignoreDeletes", "failOnDataLoss", "optimizeWrite", "dataChange", "startingTimestamp",
  "startingVersion", "readChangeFeed", "readChangeData", "endingTimestamp", "endingVersion", "compression", "maxRecordsPerFile",
  "txnAppId", "txnVersion", "schemaTrackingLocation", "schemaLocation", "streamingSourceTrackingId", "queryName",
  "checkpointLocation", "path", "versionAsOf", "timestampAsOf", "writePartitionColumns",
];
// Read-side options a writer has no use for (and the other way round), and the engine's own.
const READ_ONLY = new Set(["maxFilesPerTrigger", "maxBytesPerTrigger", "ignoreFileDeletion", "ignoreChanges", "ignoreDeletes", "failOnDataLoss",
  "startingTimestamp", "startingVersion", "readChangeFeed", "readChangeData", "endingTimestamp", "endingVersion", "schemaTrackingLocation",
  "schemaLocation", "streamingSourceTrackingId", "versionAsOf", "timestampAsOf", "excludeRegex"]);
const ENGINE = new Set(["queryName", "checkpointLocation", "path"]);

const covered = (def: { options: unknown; noEffectOptions?: object; unsupportedOptions?: object }) => new Set([
  ...Object.keys((def.options as { properties: object }).properties),
  ...Object.keys(def.noEffectOptions ?? {}),
  ...Object.keys(def.unsupportedOptions ?? {}),
]);

test("each of DeltaOptions' keys is declared, without effect or refused, by the side that reads it", () => {
  const s = covered(sink), r = covered(source);
  expect(DELTA_OPTIONS.filter((o) => !ENGINE.has(o) && !READ_ONLY.has(o) && !s.has(o))).toEqual([]);
  expect(DELTA_OPTIONS.filter((o) => !ENGINE.has(o) && READ_ONLY.has(o) && !r.has(o))).toEqual([]);
});

const spark = SparkSession.builder.getOrCreate().newSession();
const root = scratch("option-effects");
afterAll(() => rmSync(root, { recursive: true, force: true }));

test("optimizeWrite is accepted, replaceWhere is refused with why, a typo says what was meant", async () => {
  const t = join(root, "t");
  const df = spark.createDataFrame([[1, "x"]], "id BIGINT, team STRING");
  await df.write.format("delta").option("optimizeWrite", "true").option("compression", "snappy").save(t);
  expect(readTable(t)).toEqual([[1, "x"]]);
  let e: unknown;
  try {
    await df.write.format("delta").mode("overwrite").option("replaceWhere", "id = 1").save(t);
  } catch (x) {
    e = x;
  }
  expect(e).toBeInstanceOf(SluiceError);
  expect((e as SluiceError).message).toContain("replaceWhere");
  expect((e as SluiceError).message).toContain("overwriting only part of a table is not implemented");
  expect(readTable(t)).toEqual([[1, "x"]]);
  let typo: unknown;
  try {
    await df.write.format("delta").mode("append").option("mergeSchemas", "true").save(t);
  } catch (x) {
    typo = x;
  }
  expect((typo as SluiceError).message).toContain("mergeSchema");
  expect(() => spark.read.format("delta").option("readChangeFeed", "true").load(t)).toThrow(/change data feed/);
});
