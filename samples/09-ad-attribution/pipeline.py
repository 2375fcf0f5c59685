# The same pipeline in PySpark (reads the files pipeline.ts writes: run that first, or point
# SLUICE_SAMPLE_DIR at the same directory): python3 samples/09-ad-attribution/pipeline.py
import os

from pyspark.sql import SparkSession, functions as F

work = os.path.abspath(os.environ.get("SLUICE_SAMPLE_DIR", ".tmp/samples/09-ad-attribution"))
spark = SparkSession.builder.appName("AdAttribution").config("spark.sql.session.timeZone", "UTC") \
    .config("spark.sql.shuffle.partitions", "8").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")

impressions = spark.readStream.schema("adId INT, impressionTime TIMESTAMP, campaign STRING") \
    .option("maxFilesPerTrigger", 1).json(os.path.join(work, "impressions")) \
    .withWatermark("impressionTime", "10 minutes")
clicks = spark.readStream.schema("adId INT, clickTime TIMESTAMP") \
    .option("maxFilesPerTrigger", 1).json(os.path.join(work, "clicks")) \
    .withWatermark("clickTime", "20 minutes")

attributed = impressions.join(
    clicks,
    (impressions["adId"] == clicks["adId"])
    & (clicks["clickTime"] >= impressions["impressionTime"])
    & (clicks["clickTime"] <= impressions["impressionTime"] + F.expr("INTERVAL 1 HOUR")),
    "leftOuter",
).select(impressions["adId"], "campaign", "impressionTime", "clickTime")

query = attributed.writeStream.queryName("attribution").outputMode("append").format("console") \
    .option("truncate", False).option("numRows", 100) \
    .option("checkpointLocation", os.path.join(work, "checkpoint-pyspark")) \
    .trigger(availableNow=True).start()
query.awaitTermination()

print("batch | impressions+clicks | state rows | late rows dropped")
for p in query.recentProgress:
    op = p["stateOperators"][0]
    print(f"{p['batchId']:>5} | {p['numInputRows']:>18} | {op['numRowsTotal']:>10} | {op['numRowsDroppedByWatermark']}")
