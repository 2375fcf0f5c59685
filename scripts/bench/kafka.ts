// Kafka → Sluice → PostgreSQL throughput: 1 M JSON order events in a 4-partition topic, parsed with
// from_json, summed into 5-minute windows per category (watermark, update mode) and upserted into
// PostgreSQL, one query run with Trigger.AvailableNow. Prints events/s end to end and where the
// time went: the Kafka client (offset lookups and fetching/decoding records), the engine (parsing,
// aggregation, state) and the sink (PostgreSQL transactions).
//
//   bun scripts/bench/kafka.ts [events=1000000] [maxOffsetsPerTrigger=250000]
//
// Starts a throwaway broker and database (scripts/kafka, scripts/postgres) unless
// SLUICE_KAFKA_BOOTSTRAP / SLUICE_POSTGRES_URL point at running ones. Last line: one JSON object.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { defineSink, type SinkDefinition } from "../../runtime/plugin/contract.ts";
import postgresSink from "../../plugins/sinks/postgres/mod.ts";
import { orderEvents, produceEvents } from "../../samples/kafka-to-postgres/generate.ts";
import { kafkaBroker } from "../kafka/service.ts";
import { postgresServer } from "../postgres/service.ts";

const events = Number(process.argv[2] ?? 1_000_000);
const maxOffsetsPerTrigger = Number(process.argv[3] ?? 250_000);
const partitions = 4;

const [broker, db] = await Promise.all([kafkaBroker(), postgresServer()]);
const topic = `bench-${Date.now()}`;
const table = `bench_revenue_${Date.now()}`;
const t0 = performance.now();
await produceEvents(broker.bootstrap, topic, orderEvents(events), partitions);
const produceSec = (performance.now() - t0) / 1000;
console.log(`produced ${events} events to ${topic} (${partitions} partitions) in ${produceSec.toFixed(1)} s`);

const spark = SparkSession.builder.appName("bench-kafka").config("spark.sql.session.timeZone", "UTC").getOrCreate();
spark.stdout = () => {};

// The postgres sink, with the time spent in its addBatch measured.
let sinkMs = 0;
const timedPostgres: SinkDefinition<any> = defineSink({
  ...postgresSink,
  name: "postgres-timed",
  async create(options, ctx) {
    const writer = await postgresSink.create(options, ctx);
    return {
      description: writer.description,
      async addBatch(batchId, rows, mode) {
        const s = performance.now();
        await writer.addBatch(batchId, rows, mode);
        sinkMs += performance.now() - s;
      },
      stop: () => writer.stop?.(),
    };
  },
});
spark.plugins.registry.register(timedPostgres, "bench");

let latestOffsetMs = 0, getBatchMs = 0, addBatchMs = 0, batches = 0, outputRows = 0;
spark.streams.addListener({
  onQueryProgress: (e) => {
    const d = e.progress.durationMs as Record<string, number>;
    latestOffsetMs += d.latestOffset ?? 0;
    getBatchMs += d.getBatch ?? 0;
    addBatchMs += d.addBatch ?? 0;
    outputRows += (e.progress.sink as { numOutputRows: number }).numOutputRows;
    batches++;
  },
});

const checkpoint = mkdtempSync(join(tmpdir(), "sluice-bench-kafka-"));
const start = performance.now();
const query = spark.readStream.format("kafka")
  .option("kafka.bootstrap.servers", broker.bootstrap).option("subscribe", topic)
  .option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", maxOffsetsPerTrigger)
  .load()
  .select(F.from_json(F.col("value").cast("string"), "order_id BIGINT, category STRING, amount DECIMAL(10,2), ts TIMESTAMP").alias("o"))
  .select("o.*")
  .filter(F.col("amount").isNotNull())
  .withWatermark("ts", "1 minute")
  .groupBy(F.window("ts", "5 minutes"), "category")
  .agg(F.sum("amount").alias("revenue"), F.count("*").alias("orders"))
  .select(F.col("window.start").alias("window_start"), "category", "revenue", "orders")
  .writeStream.outputMode("update").format("postgres-timed")
  .option("url", db.url).option("table", table).option("mode", "upsert").option("primaryKey", "window_start,category")
  .option("createTable", true).option("checkpointLocation", checkpoint)
  .trigger({ availableNow: true })
  .start();
await query.awaitTermination();
const totalSec = (performance.now() - start) / 1000;
rmSync(checkpoint, { recursive: true, force: true });

const kafkaMs = latestOffsetMs + getBatchMs;
const engineMs = addBatchMs - sinkMs;
const figures = {
  events,
  partitions,
  batches,
  outputRows,
  seconds: Number(totalSec.toFixed(2)),
  eventsPerSecond: Math.round(events / totalSec),
  kafkaClientSeconds: Number((kafkaMs / 1000).toFixed(2)),
  engineSeconds: Number((engineMs / 1000).toFixed(2)),
  sinkSeconds: Number((sinkMs / 1000).toFixed(2)),
  engineEventsPerSecond: Math.round(events / (engineMs / 1000)),
  produceSeconds: Number(produceSec.toFixed(1)),
};
console.log(`end to end: ${figures.eventsPerSecond} events/s (${figures.seconds} s, ${batches} batches, ${outputRows} rows upserted)`);
console.log(`kafka client ${figures.kafkaClientSeconds} s, engine ${figures.engineSeconds} s (${figures.engineEventsPerSecond} events/s), sink ${figures.sinkSeconds} s`);
console.log(JSON.stringify(figures));
process.exit(0);
