"""PySpark's Connect client against `sluice serve` (SPARK_REMOTE): Interrupt. Operations waiting on
a streaming query (awaitTermination) are interrupted by tag, by id and all at once; each ends with
Spark's OPERATION_CANCELED and the query itself keeps running. Prints one JSON object."""

import json
import os
import threading
import time

from pyspark.errors import PySparkException
from pyspark.sql import SparkSession

spark = SparkSession.builder.remote(os.environ["SPARK_REMOTE"]).getOrCreate()
q = spark.readStream.format("rate").option("rowsPerSecond", 1).load().writeStream.format("memory").queryName("ticks").start()
out = {}


def waiting(tag, results):
    """awaitTermination in a thread of its own, tagged: records how it ended."""
    def run():
        spark.addTag(tag)
        try:
            q.awaitTermination()
            results[tag] = "terminated"
        except PySparkException as e:
            results[tag] = e.getCondition()
        finally:
            spark.removeTag(tag)
    t = threading.Thread(target=run)
    t.start()
    return t


results = {}
t1 = waiting("first", results)
t2 = waiting("second", results)
time.sleep(1.5)  # both awaitTermination calls are on the server
out["by_tag"] = len(spark.interruptTag("first"))
t1.join(30)
out["untagged_kept"] = "second" not in results
out["unknown_tag"] = spark.interruptTag("nobody")
out["all"] = len(spark.interruptAll())
t2.join(30)
out["results"] = results
out["still_active"] = q.isActive
out["nothing_left"] = spark.interruptAll()
q.stop()
print(json.dumps(out))
