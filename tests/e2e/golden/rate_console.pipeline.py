"""The PySpark pipeline behind rate_console.txt (run by scripts/goldens/rate_console.py, which keeps
only the console sink's blocks for batches 0, 1 and 2 from this script's stdout)."""

import os
import time

os.environ["TZ"] = "UTC"

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.functions import col  # noqa: E402

spark = (
    SparkSession.builder.master("local[1]")
    .appName("rate_console")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.ui.enabled", "false")
    .config("spark.ui.showConsoleProgress", "false")
    .config("spark.sql.shuffle.partitions", "1")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")

df = (
    spark.readStream.format("rate-micro-batch")
    .option("rowsPerBatch", 5)
    .option("startTimestamp", 0)
    .option("advanceMillisPerBatch", 1000)
    .load()
    .withColumn("doubled", col("value") * 2)
    .withColumn("is_even", col("value") % 2 == 0)
    .selectExpr("timestamp", "value", "doubled", "is_even", "date_format(timestamp, 'HH:mm:ss') AS hms")
    .filter("value >= 2")
)

query = (
    df.writeStream.format("console")
    .option("numRows", 20)
    .option("truncate", False)
    .trigger(processingTime="1 second")
    .start()
)

try:
    while True:
        progress = query.lastProgress
        if progress is not None and progress["batchId"] >= 2:
            break
        if query.exception() is not None:
            raise query.exception()
        time.sleep(0.05)
finally:
    query.stop()
    spark.stop()
