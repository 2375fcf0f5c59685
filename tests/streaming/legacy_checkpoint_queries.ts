// The queries of the state store v1 checkpoint fixture (fixtures/v1-checkpoints/): windowed
// counts and dropDuplicates over rate-micro-batch, 10 rows a batch one second apart. The fixture
// holds each query's checkpoint after three batches, as Sluice 0.1.0 (commit d560e2b, before state
// store v2) wrote it: every operator's state in partition 0, no operator metadata.
import type { DataFrame, functions as Functions, SparkSession } from "sluice";

export type LegacyQuery = (spark: SparkSession, F: typeof Functions) => { df: DataFrame; mode: "append" | "update" };

const rates = (spark: SparkSession) =>
  spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 10).option("startTimestamp", 10_000).option("advanceMillisPerBatch", 1000).load();

export const LEGACY_QUERIES: Record<string, LegacyQuery> = {
  window_counts: (spark, F) => ({
    df: rates(spark).withWatermark("timestamp", "1 second").withColumn("k", F.col("value").mod(3))
      .groupBy(F.window("timestamp", "2 seconds"), "k").count(),
    mode: "append",
  }),
  dedup: (spark, F) => ({
    df: rates(spark).withWatermark("timestamp", "1 second")
      .select(F.col("timestamp"), F.col("value").mod(7).alias("k"))
      .dropDuplicates(["k", "timestamp"]),
    mode: "update",
  }),
};
