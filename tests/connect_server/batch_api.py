"""PySpark's Connect client against `sluice serve` (SPARK_REMOTE): batch API, SQL, errors as
PySpark's own exception types, conf, sessions kept apart. Prints one JSON object."""

import json
import os

from pyspark.errors import AnalysisException, ArithmeticException, ParseException, PySparkException
from pyspark.sql import SparkSession, functions as F

url = os.environ["SPARK_REMOTE"]
spark = SparkSession.builder.remote(url).getOrCreate()
out = {}
df = spark.createDataFrame([("a", 1, 1.5), ("b", 2, None), ("a", 3, 2.5)], "k STRING, v BIGINT, d DOUBLE")
out["agg"] = [r.asDict() for r in df.groupBy("k").agg(F.sum("v").alias("total"), F.avg("d").alias("mean")).orderBy("k").collect()]
out["expr"] = [r.asDict() for r in df.select(F.expr("upper(k) AS K"), (F.col("v") * 2).alias("w"), F.when(F.col("v") > 1, "big").otherwise("small").alias("s")).orderBy("w").collect()]
nested = spark.sql("SELECT map('k', 1, 'j', 2) AS m, named_struct('x', 3, 'y', 'z') AS s, array(4, 5) AS a")
extracted = nested.select(F.col("m")["k"], F.col("m").getItem("j"), F.col("m")["missing"], F.col("s")["x"], F.col("s").getField("y"), F.col("a")[1])
out["extract"] = [extracted.columns, list(extracted.first())]
na = spark.createDataFrame([(1, None, "a", None, True), (None, float("nan"), None, 2.5, None), (None, None, None, None, None)],
                           "i INT, d DOUBLE, s STRING, f DOUBLE, b BOOLEAN")


def rows(frame):
    """Rows as lists, NaN spelled out (JSON has no NaN)."""
    return [["NaN" if isinstance(v, float) and v != v else v for v in r] for r in frame.collect()]


out["na"] = {
    "fill0": rows(na.fillna(0)), "fill_float": rows(na.fillna(1.5, subset=["i", "d"])), "fill_str": rows(na.na.fill("z")),
    "fill_bool": rows(na.fillna(False, subset=["b", "s"])), "fill_map": rows(na.fillna({"i": 7, "s": "q", "f": 0.5})),
    "drop_any": rows(na.dropna()), "drop_all": rows(na.na.drop(how="all")), "drop_thresh": rows(na.dropna(thresh=2)),
    "drop_subset": rows(na.dropna(subset=["i", "s"])), "drop_nan": rows(na.dropna(subset=["d", "f"], how="all")),
}
grouped = spark.createDataFrame([("a", "x", 1), ("a", "y", 2), ("b", "x", 3)], "k STRING, j STRING, v BIGINT")


def sorted_rows(frame):
    return [frame.columns, sorted([list(r) for r in frame.collect()], key=json.dumps)]


out["grouping_sets"] = {
    "rollup": sorted_rows(grouped.rollup("k", "j").agg(F.sum("v").alias("total"), F.grouping_id().alias("gid"))),
    "cube": sorted_rows(grouped.cube("k").agg(F.count("*"), F.max("v"))),
    "sets": sorted_rows(grouped.groupingSets([["k"], ["j"], []], "k", "j").agg(F.sum("v"))),
}
described = spark.createDataFrame([("a", 1, 1.5, True), ("b", 2, None, False), ("10", 3, 2.25, None)], "s STRING, i BIGINT, d DOUBLE, b BOOLEAN")
out["describe"] = [described.describe().columns, [list(r) for r in described.describe().collect()], [list(r) for r in described.describe("i").collect()]]
sampled = spark.createDataFrame([(i,) for i in range(40)], "i INT")
out["sample"] = {"s1": [r.i for r in sampled.sample(fraction=0.3, seed=7).collect()], "s2": [r.i for r in sampled.sample(fraction=0.5, seed=42).collect()],
                 "split": [[r.i for r in part.collect()] for part in sampled.randomSplit([0.5, 0.5], seed=3)]}
try:
    spark.readStream.format("rate").load().sample(0.5, seed=1).writeStream.format("memory").queryName("sampled").start().stop()
    out["sample"]["streaming"] = "started"
except AnalysisException as e:
    out["sample"]["streaming"] = e.getCondition()
out["sql"] = [r.asDict() for r in spark.sql("SELECT 1 + 1 AS two, 'x' AS s").collect()]
out["schema"] = df.schema.simpleString()
out["count"] = df.count()
out["show"] = df._show_string(2)
df.createOrReplaceTempView("t")
out["view"] = [r.asDict() for r in spark.sql("SELECT k, count(*) AS n FROM t GROUP BY k ORDER BY k").collect()]
spark.conf.set("spark.sql.session.timeZone", "UTC")
out["conf"] = spark.conf.get("spark.sql.session.timeZone")
errors = {}
for name, run in [
    ("divide", lambda: spark.sql("SELECT 1/0").collect()),
    ("column", lambda: df.select("nope").collect()),
    ("parse", lambda: spark.sql("SELEC 1").collect()),
]:
    try:
        run()
        errors[name] = None
    except (ArithmeticException, AnalysisException, ParseException) as e:
        errors[name] = [type(e).__name__, e.getCondition()]
out["errors"] = errors
# Beyond Spark: Sluice runs no Python, so what would run a Python function is refused by name.
python_functions = {}
for name, run in [
    ("udf", lambda: df.select(F.udf(lambda x: x)("k")).collect()),
    ("foreachBatch", lambda: spark.readStream.format("rate").load().writeStream.foreachBatch(lambda d, i: None).start().stop()),
]:
    try:
        run()
        python_functions[name] = None
    except PySparkException as e:
        python_functions[name] = [type(e).__name__, e.getCondition(), "runs a Python function" in str(e)]
out["python_functions"] = python_functions
other = SparkSession.builder.remote(url).create()
try:
    other.sql("SELECT * FROM t").collect()
    out["isolated"] = False
except AnalysisException as e:
    out["isolated"] = e.getCondition()
other.stop()
out["catalog"] = {
    "listed": [[t.name, t.catalog, t.namespace, t.tableType, t.isTemporary] for t in spark.catalog.listTables()],
    "pattern": [t.name for t in spark.catalog.listTables(pattern="x*|T")],
    "exists": [spark.catalog.tableExists("t"), spark.catalog.tableExists("nope")],
    "current": [spark.catalog.currentDatabase(), spark.catalog.currentCatalog()],
    "dropped": [spark.catalog.dropTempView("t"), spark.catalog.dropTempView("t")],
    "after": spark.catalog.tableExists("t"),
}
# Columns bound to their DataFrame: df["k"] / df.k carry the DataFrame's plan id.
imps = spark.createDataFrame([(1, "a"), (2, "b"), (3, "c")], "adId INT, what STRING")
clks = spark.createDataFrame([(2, "x"), (3, "y"), (3, "yy")], "adId INT, what STRING")
joined = imps.join(clks, imps["adId"] == clks["adId"], "left")
out["bound_join"] = sorted([list(r) for r in joined.select(imps["what"], clks["what"], clks.adId).collect()], key=json.dumps)
print(json.dumps(out))
