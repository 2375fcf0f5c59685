"""PySpark's Connect client: the DataFrame methods built from stat and NA relations (na.replace,
crosstab, corr, cov, sampleBy, pivot). Run against a real Spark 4.1.1 Connect server it writes the
golden (scripts/goldens/connect_stat_api.sh); against `sluice serve` the test compares with it.
Prints one JSON object."""

import json
import os

from pyspark.errors import AnalysisException
from pyspark.sql import SparkSession, functions as F

spark = SparkSession.builder.remote(os.environ["SPARK_REMOTE"]).getOrCreate()
spark.conf.set("spark.sql.session.timeZone", "UTC")
out = {}


def rows(frame):
    """Columns and rows (sorted), NaN spelled out (JSON has no NaN)."""
    data = [["NaN" if isinstance(v, float) and v != v else v for v in r] for r in frame.collect()]
    return [frame.columns, sorted(data, key=json.dumps)]


df = spark.createDataFrame(
    [(1, 1.0, "a", True, 10), (2, 2.5, "b", False, 20), (None, None, None, None, 30), (1, float("nan"), "a", True, 40)],
    "i INT, d DOUBLE, s STRING, b BOOLEAN, l BIGINT")
out["replace"] = {
    "num": rows(df.na.replace(1, 9)),
    "num_map": rows(df.replace({1: 5, 2.5: 7.5})),
    "num_subset": rows(df.replace(1, 3, subset=["l", "d"])),
    "num_to_null": rows(df.replace(10, None)),
    "str": rows(df.replace("a", "z")),
    "str_list": rows(df.replace(["a", "b"], ["x", "y"], "s")),
    "str_to_null": rows(df.replace("b", None)),
    "bool": rows(df.replace(True, False)),
}

sales = spark.createDataFrame(
    [("2024", "east", "tv", 10), ("2024", "west", "tv", 5), ("2024", "east", "radio", 3),
     ("2025", "east", "tv", 7), ("2025", "west", "radio", 4), ("2025", "west", "radio", 6), (None, "east", "tv", 1)],
    "year STRING, region STRING, product STRING, amount INT")
out["pivot"] = {
    "values": rows(sales.groupBy("year").pivot("region", ["east", "west", "north"]).sum("amount")),
    "inferred": rows(sales.groupBy("year").pivot("region").agg(F.sum("amount"))),
    "two_aggs": rows(sales.groupBy("year").pivot("product").agg(F.sum("amount").alias("total"), F.count("amount").alias("n"))),
    "no_group": rows(sales.groupBy().pivot("product").agg(F.max("amount"))),
    "unaliased": rows(sales.groupBy("region").pivot("year").agg(F.sum("amount"), F.min("amount"))),
}
try:
    sales.groupBy("year").pivot("product").agg(F.count("*")).collect()
    out["pivot"]["star"] = "ran"
except AnalysisException as e:
    out["pivot"]["star"] = e.getCondition()
out["crosstab"] = {
    "region_product": rows(sales.crosstab("region", "product")),
    "year_region": rows(sales.stat.crosstab("year", "region")),
}
nums = spark.createDataFrame([(1, 2.0, 10), (2, 4.5, 7), (3, 5.0, 9), (4, 9.5, 1), (5, 10.0, 3)], "x INT, y DOUBLE, z BIGINT")
out["corr_cov"] = {
    "corr_xy": nums.corr("x", "y"), "corr_xz": nums.stat.corr("x", "z", "pearson"),
    "cov_xy": nums.cov("x", "y"), "cov_yz": nums.stat.cov("y", "z"),
}
strata = spark.createDataFrame([(i, ["a", "b", "c"][i % 3]) for i in range(60)], "i INT, k STRING")
out["sampleBy"] = {
    "half_a": [r.i for r in strata.sampleBy("k", {"a": 0.5, "b": 0.2}, seed=11).collect()],
    "col": [r.i for r in strata.stat.sampleBy(F.col("k"), {"c": 1.0, "a": 0.0}, seed=3).collect()],
}
print(json.dumps(out))
