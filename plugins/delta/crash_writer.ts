// The query the kill -9 test (crash.test.ts) starts, kills and restarts: JSON files in INPUT, one
// file a batch, into the Delta table TABLE with its checkpoint CHECKPOINT, until every file is in
// (Trigger.AvailableNow). `bun plugins/delta/crash_writer.ts INPUT TABLE CHECKPOINT`
import { SparkSession } from "sluice";

const [input, table, checkpoint] = process.argv.slice(2);
if (!input || !table || !checkpoint) {
  console.error("usage: bun plugins/delta/crash_writer.ts INPUT TABLE CHECKPOINT");
  process.exit(2);
}
const spark = SparkSession.builder.getOrCreate();
const q = spark.readStream.format("json").schema("id BIGINT, file INT").option("maxFilesPerTrigger", 1).load(input)
  .writeStream.format("delta").option("checkpointLocation", checkpoint).trigger({ availableNow: true }).start(table);
await q.awaitTermination();
const e = q.exception();
if (e) {
  console.error(e);
  process.exit(1);
}
