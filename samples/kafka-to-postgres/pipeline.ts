// Kafka → Sluice → PostgreSQL: order events (JSON in Kafka) are parsed with from_json, summed into
// 5-minute revenue windows per category with a 1-minute watermark, and upserted into PostgreSQL in
// update mode. Each batch's rows and its batch id commit in one PostgreSQL transaction, and the
// Kafka offsets live in the checkpoint, so a crash at any moment loses and doubles nothing.
//
//   KAFKA_BOOTSTRAP=127.0.0.1:9092 POSTGRES_URL=postgres://user@127.0.0.1:5432/db \
//     sluice run samples/kafka-to-postgres/pipeline.ts
//
// Settings (environment): KAFKA_BOOTSTRAP, KAFKA_TOPIC (orders), POSTGRES_URL, POSTGRES_TABLE
// (revenue), CHECKPOINT (.tmp/samples/kafka-to-postgres/checkpoint), MAX_OFFSETS_PER_TRIGGER
// (2000), AVAILABLE_NOW=1 to stop once everything in the topic is processed.
import { functions as F, SparkSession } from "sluice";

const env = (name: string, fallback?: string) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error(`set ${name}`);
  return v;
};

const spark = SparkSession.builder.appName("KafkaToPostgres").config("spark.sql.session.timeZone", "UTC").getOrCreate();

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

const query = revenue.writeStream
  .queryName("revenue_to_postgres")
  .outputMode("update")
  .format("postgres")
  .option("url", env("POSTGRES_URL"))
  .option("table", env("POSTGRES_TABLE", "revenue"))
  .option("mode", "upsert")
  .option("primaryKey", "window_start,category")
  .option("createTable", true)
  .option("checkpointLocation", env("CHECKPOINT", ".tmp/samples/kafka-to-postgres/checkpoint"))
  .trigger(process.env.AVAILABLE_NOW === "1" ? { availableNow: true } : { processingTime: "1 second" })
  .start();

await query.awaitTermination();
