// One side of scripts/bench/kafka-throughput.ts, run in a process of its own. Prints one JSON line:
// seconds (query start to end), records, peak RSS (MB) and the query's output rows.
//
//   bun scripts/bench/kafka-throughput-side.ts query BOOTSTRAP TOPIC RECORDS MAX_OFFSETS_PER_TRIGGER
//     the query: from_json → 1-minute watermark → 5-minute windowed revenue per category,
//     update mode into a memory table, availableNow
//   bun scripts/bench/kafka-throughput-side.ts sink BOOTSTRAP TOPIC RECORDS OUT_TOPIC
//     the Kafka sink: the topic's values written to OUT_TOPIC (key = order id), availableNow with
//     250 000 records per trigger;
//     also reports the time spent in the sink's addBatch
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "../../runtime/mod.ts";

const [mode, bootstrap, topic, recordsText, extra] = process.argv.slice(2);
if (!mode || !bootstrap || !topic || !recordsText || !extra) {
  console.error("usage: bun scripts/bench/kafka-throughput-side.ts query|sink BOOTSTRAP TOPIC RECORDS MAX_OFFSETS|OUT_TOPIC");
  process.exit(2);
}
const records = Number(recordsText);

/** Peak resident set size of this process, in MB (Linux VmHWM). */
function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 1e6);
}

const spark = SparkSession.builder.appName("bench-kafka").config("spark.sql.session.timeZone", "UTC").getOrCreate();
spark.stdout = () => {};
spark.log.info = () => {};
const checkpoint = mkdtempSync(join(tmpdir(), "sluice-bench-kafka-"));
let addBatchMs = 0;
let inputRows = 0;
spark.streams.addListener({
  onQueryProgress: (e) => {
    addBatchMs += (e.progress.durationMs as Record<string, number>).addBatch ?? 0;
    inputRows += e.progress.numInputRows as number;
  },
});

const source = spark.readStream.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", topic)
  .option("startingOffsets", "earliest");
const start = performance.now();
let outputRows = 0;
if (mode === "query") {
  const query = source.option("maxOffsetsPerTrigger", Number(extra)).load()
    .select(F.from_json(F.col("value").cast("string"), "order_id BIGINT, category STRING, amount DECIMAL(10,2), ts TIMESTAMP").alias("o"))
    .select("o.*")
    .filter(F.col("amount").isNotNull())
    .withWatermark("ts", "1 minute")
    .groupBy(F.window("ts", "5 minutes"), "category")
    .agg(F.sum("amount").alias("revenue"), F.count("*").alias("orders"))
    .select(F.col("window.start").alias("window_start"), "category", "revenue", "orders")
    .writeStream.outputMode("update").format("memory").queryName("revenue")
    .option("checkpointLocation", checkpoint)
    .trigger({ availableNow: true })
    .start();
  await query.awaitTermination();
  outputRows = spark.sql("SELECT * FROM revenue").count();
} else {
  const query = source.option("maxOffsetsPerTrigger", 250_000).load().selectExpr("key", "value")
    .writeStream.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("topic", extra)
    .option("checkpointLocation", checkpoint)
    .trigger({ availableNow: true })
    .start();
  await query.awaitTermination();
  outputRows = inputRows;
}
const seconds = (performance.now() - start) / 1000;
rmSync(checkpoint, { recursive: true, force: true });
if (inputRows !== records) {
  console.error(`expected ${records} input rows, the query read ${inputRows}`);
  process.exit(1);
}
console.log(JSON.stringify({
  seconds: Number(seconds.toFixed(3)),
  records,
  recordsPerSecond: Math.round(records / seconds),
  peakRssMb: peakRssMb(),
  outputRows,
  ...(mode === "sink" ? { sinkRecordsPerSecond: Math.round(records / (addBatchMs / 1000)) } : {}),
}));
process.exit(0);
