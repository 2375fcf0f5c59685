// The query side of scripts/bench/latency.ts, in a process of its own: Kafka → filter and
// projection → Kafka, with the trigger named on the command line. Prints "ready" once the query
// runs, then runs until it gets SIGTERM.
//
//   bun scripts/bench/latency-side.ts BOOTSTRAP IN_TOPIC OUT_TOPIC default|realtime
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "../../runtime/mod.ts";

const [bootstrap, input, output, mode] = process.argv.slice(2);
if (!bootstrap || !input || !output || !mode) {
  console.error("usage: bun scripts/bench/latency-side.ts BOOTSTRAP IN_TOPIC OUT_TOPIC default|realtime");
  process.exit(2);
}
const spark = SparkSession.builder.appName("bench-latency").getOrCreate();
spark.stdout = () => {};
spark.log.info = () => {};
const checkpoint = mkdtempSync(join(tmpdir(), "sluice-bench-latency-"));
const trigger = mode === "realtime" ? { realTime: "5 minutes" } : undefined;
let writer = spark.readStream.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", input)
  .option("startingOffsets", "earliest").load()
  .filter(F.col("value").isNotNull())
  .selectExpr("key", "value")
  .writeStream.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("topic", output)
  .option("checkpointLocation", checkpoint).outputMode("update");
if (trigger) writer = writer.trigger(trigger as never);
const query = writer.start();
console.log("ready");
process.on("SIGTERM", async () => {
  await query.stop();
  rmSync(checkpoint, { recursive: true, force: true });
  process.exit(0);
});
await query.awaitTermination();
