// Kafka → Sluice → PostgreSQL: 1 M JSON order events in a 4-partition topic, parsed with from_json,
// summed into 5-minute windows per category (watermark, update mode) and upserted into
// PostgreSQL, one Trigger.AvailableNow run reading maxOffsetsPerTrigger records a batch. The query
// runs in a process of its own (so its peak RSS is the query's alone), once per run; figures:
// events/s end to end, where the time went (the Kafka client, the engine, the sink), the query
// process's CPU seconds (wall time well above them is time spent waiting), peak RSS.
//
//   bun scripts/bench/kafka.ts [events=1000000] [maxOffsetsPerTrigger=250000] [runs=3]
//
// Starts a throwaway broker and database (scripts/kafka, scripts/postgres) unless
// SLUICE_KAFKA_BOOTSTRAP / SLUICE_POSTGRES_URL point at running ones. Last line: one JSON object.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functions as F, SparkSession } from "../../runtime/mod.ts";
import { defineSink, type SinkDefinition } from "../../runtime/plugin/contract.ts";
import { orderEvents, produceEvents } from "../../samples/kafka-to-postgres/generate.ts";
import { kafkaBroker } from "../kafka/service.ts";
import { postgresServer } from "../postgres/service.ts";
import { alternate, cpuSecondsSince, medianOf, positional, reportSide, sideArg } from "./harness.ts";

const PARTITIONS = 4;

async function querySide(bootstrap: string, topic: string, dbUrl: string, table: string, events: number, maxOffsetsPerTrigger: number): Promise<never> {
  const spark = SparkSession.builder.appName("bench-kafka").config("spark.sql.session.timeZone", "UTC").getOrCreate();
  spark.stdout = () => {};
  // The postgres sink, with the time spent in its addBatch measured.
  let sinkMs = 0;
  const postgres = spark.plugins.registry.sink("postgres");
  const timed: SinkDefinition<any> = defineSink({
    ...postgres,
    name: "postgres-timed",
    async create(options, ctx) {
      const writer = await postgres.create(options, ctx);
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
  spark.plugins.registry.register(timed, "bench");
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
  try {
    const start = performance.now(), cpu = process.cpuUsage();
    const query = spark.readStream.format("kafka")
      .option("kafka.bootstrap.servers", bootstrap).option("subscribe", topic)
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
      .option("url", dbUrl).option("table", table).option("mode", "upsert").option("primaryKey", "window_start,category")
      .option("createTable", true).option("checkpointLocation", checkpoint)
      .trigger({ availableNow: true })
      .start();
    await query.awaitTermination();
    const seconds = (performance.now() - start) / 1000;
    const engineMs = addBatchMs - sinkMs;
    return reportSide({
      eps: Math.round(events / seconds), seconds: Number(seconds.toFixed(2)), cpuSeconds: cpuSecondsSince(cpu), batches, outputRows,
      kafkaClientSeconds: Number(((latestOffsetMs + getBatchMs) / 1000).toFixed(2)),
      engineSeconds: Number((engineMs / 1000).toFixed(2)), sinkSeconds: Number((sinkMs / 1000).toFixed(2)),
    });
  } finally {
    rmSync(checkpoint, { recursive: true, force: true });
  }
}

if (sideArg() !== undefined) {
  const [bootstrap, topic, dbUrl, table, events, max] = positional();
  await querySide(bootstrap!, topic!, dbUrl!, table!, Number(events), Number(max));
}

const [eventsArg = "1000000", maxArg = "250000", runsArg = "3"] = positional();
const events = Number(eventsArg);
const [broker, db] = await Promise.all([kafkaBroker(), postgresServer()]);
const topic = `bench-${Date.now()}`;
const t0 = performance.now();
await produceEvents(broker.bootstrap, topic, orderEvents(events), PARTITIONS);
const produceSec = (performance.now() - t0) / 1000;
console.log(`produced ${events} events to ${topic} (${PARTITIONS} partitions) in ${produceSec.toFixed(1)} s`);
const r = alternate(import.meta.path, ["sluice"], Number(runsArg), (run) => [broker.bootstrap, topic, db.url, `bench_revenue_${Date.now()}_${run}`, String(events), maxArg]);
const runs = r.sluice!;
const m = (k: string) => medianOf(runs, k);
console.log(JSON.stringify({
  bench: "kafka", events, partitions: PARTITIONS, maxOffsetsPerTrigger: Number(maxArg), runs: runs.length,
  eventsPerSecond: m("eps"), seconds: m("seconds"), cpuSeconds: m("cpuSeconds"), batches: runs[0]!.batches, outputRows: runs[0]!.outputRows,
  kafkaClientSeconds: m("kafkaClientSeconds"), engineSeconds: m("engineSeconds"), sinkSeconds: m("sinkSeconds"),
  peak_rss_mb: m("peakRssMb"), peak_rss_mb_max: Math.max(...runs.map((x) => x.peakRssMb!)), produceSeconds: Number(produceSec.toFixed(1)),
}));
process.exit(0);
