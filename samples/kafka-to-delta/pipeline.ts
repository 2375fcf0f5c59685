// Kafka → Sluice → Delta Lake: order events (JSON in Kafka) are parsed with from_json, summed into
// 5-minute revenue windows per category with a 1-minute watermark, and appended to a Delta table
// (append mode: a window is written once, when the watermark passes its end). Each batch is one
// Delta commit carrying the query id and batch id (txn), and the Kafka offsets live in the
// checkpoint, so a crash at any moment loses and doubles nothing. Streaming writes leave many small
// files; with AVAILABLE_NOW=1 the pipeline compacts them (OPTIMIZE) once the topic is drained.
//
//   KAFKA_BOOTSTRAP=127.0.0.1:9092 sluice run samples/kafka-to-delta/pipeline.ts
//
// Settings (environment): KAFKA_BOOTSTRAP, KAFKA_TOPIC (orders), DELTA_PATH
// (.tmp/samples/kafka-to-delta/revenue), CHECKPOINT (.tmp/samples/kafka-to-delta/checkpoint),
// MAX_OFFSETS_PER_TRIGGER (2000), AVAILABLE_NOW=1 to stop (and OPTIMIZE) once everything in the
// topic is processed.
import { DeltaTable, functions as F, SparkSession } from "sluice";

const env = (name: string, fallback?: string) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error(`set ${name}`);
  return v;
};

const spark = SparkSession.builder.appName("KafkaToDelta").config("spark.sql.session.timeZone", "UTC").getOrCreate();
const path = env("DELTA_PATH", ".tmp/samples/kafka-to-delta/revenue");

const orders = spark.readStream.format("kafka")
  .option("kafka.bootstrap.servers", env("KAFKA_BOOTSTRAP"))
  .option("subscribe", env("KAFKA_TOPIC", "orders"))
  .option("startingOffsets", "earliest")
  .option("maxOffsetsPerTrigger", env("MAX_OFFSETS_PER_TRIGGER", "2000"))
  .load()
  .select(F.from_json(F.col("value").cast("string"), "order_id BIGINT, category STRING, amount DECIMAL(10,2), ts TIMESTAMP").alias("o"))
  .select("o.*")
  // Messages that are not JSON parse to nulls, as in Spark's PERMISSIVE mode: drop them.
  .filter(F.col("amount").isNotNull());

const revenue = orders
  .withWatermark("ts", "1 minute")
  .groupBy(F.window("ts", "5 minutes"), "category")
  .agg(F.sum("amount").alias("revenue"), F.count("*").alias("orders"))
  .select(F.col("window.start").alias("window_start"), F.col("window.end").alias("window_end"), "category", "revenue", "orders");

const availableNow = process.env.AVAILABLE_NOW === "1";
const query = revenue.writeStream
  .queryName("revenue_to_delta")
  .outputMode("append")
  .format("delta")
  .partitionBy("category")
  .option("checkpointLocation", env("CHECKPOINT", ".tmp/samples/kafka-to-delta/checkpoint"))
  .trigger(availableNow ? { availableNow: true } : { processingTime: "1 second" })
  .start(path);

await query.awaitTermination();
if (query.exception()) throw query.exception();

if (availableNow) {
  // The small-files fix: one OPTIMIZE commit that bin-packs each partition's files.
  const m = DeltaTable.forPath(spark, path).optimize().executeCompaction().collect()[0]!.metrics as Record<string, unknown>;
  console.log(`OPTIMIZE: ${m.numFilesRemoved} files compacted into ${m.numFilesAdded} (${m.partitionsOptimized} partitions)`);
  DeltaTable.forPath(spark, path).history(3).select("version", "operation", "operationMetrics").show(3, false);
}
