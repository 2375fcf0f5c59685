// The pipeline of tests/e2e/golden/rate_console.pipeline.py, in Sluice: rate-micro-batch ->
// transformations -> console, stopped after batch 2. Run by the compiled binary in CI.
import { functions as F, SparkSession } from "sluice";

const spark = SparkSession.builder.appName("rate-console").config("spark.sql.session.timeZone", "UTC").getOrCreate();

const df = spark.readStream
  .format("rate-micro-batch")
  .option("rowsPerBatch", 5)
  .option("startTimestamp", 0)
  .option("advanceMillisPerBatch", 1000)
  .load()
  .withColumn("doubled", F.col("value").multiply(2))
  .withColumn("is_even", F.col("value").mod(2).equalTo(0))
  .selectExpr("timestamp", "value", "doubled", "is_even", "date_format(timestamp, 'HH:mm:ss') AS hms")
  .filter("value >= 2");

const query = df.writeStream
  .format("console")
  .option("numRows", 20)
  .option("truncate", false)
  .start();

spark.streams.addListener({
  onQueryProgress(event) {
    if ((event.progress.batchId as number) >= 2) void query.stop();
  },
});

await query.awaitTermination();
