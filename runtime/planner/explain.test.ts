// Plan tests: what EXPLAIN prints for each phase, compared as text.
import { describe, expect, test } from "bun:test";
import { functions as F, SparkSession } from "sluice";
import { pushySession } from "./test_kit.ts";

const session = pushySession;

describe("explain", () => {
  test("a windowed aggregation: partial aggregation before the exchange, the stateful operator with its state info", () => {
    const { spark, out } = session();
    spark.readStream.format("pushy").load()
      .withWatermark("ts", "10 minutes")
      .groupBy(F.window("ts", "5 minutes"), "k")
      .agg(F.sum(F.col("v").multiply(F.col("n"))).alias("total"))
      .explain();
    expect(out()).toBe(`== Physical Plan ==
StateStoreSave [window, k], state info [ opId = 0, numPartitions = 8 ], functions=[merge_sum((v * cast(n as double)))]
+- Exchange hashpartitioning(window, k, 8)
   +- HashAggregate(keys=[window, k], functions=[partial_sum((v * cast(n as double)))])
      +- *(1) Generate explode(window(ts)), false, [window]
         +- *(1) EventTimeWatermark ts, 10 minutes
            +- StreamingScan pushy [ts, k, v, n], PushedFilters: [], ReadSchema: struct<ts:timestamp,k:string,v:double,n:bigint>

`);
  });

  test("extended: the parsed, analyzed and optimized logical plans, then the physical plan", () => {
    const { spark, out } = session();
    spark.readStream.format("pushy").load()
      .filter(F.col("v").gt(F.lit(1).plus(1)).and(F.col("k").isNotNull()))
      .select(F.col("k"), F.col("v").multiply(2).alias("double_v"))
      .explain(true);
    expect(out()).toBe(`== Parsed Logical Plan ==
Project [k, (v * 2) AS double_v]
+- Filter ((v > (1 + 1)) AND (k IS NOT NULL))
   +- StreamingRelation pushy, [ts, k, v, n, note]

== Analyzed Logical Plan ==
k: string, double_v: double
Project [k, (v * 2) AS double_v]
+- Filter ((v > cast((1 + 1) as double)) AND isnotnull(k))
   +- StreamingRelation pushy, [ts, k, v, n, note]

== Optimized Logical Plan ==
Project [k, (v * 2) AS double_v]
+- Filter ((v > 2) AND isnotnull(k))
   +- StreamingRelation pushy, [ts, k, v, n, note], ReadSchema: struct<k:string,v:double>, PushedFilters: [GreaterThan(v,2), IsNotNull(k)]

== Physical Plan ==
*(1) Project [k, (v * 2) AS double_v]
+- *(1) Filter ((v > 2) AND isnotnull(k))
   +- StreamingScan pushy [k, v], PushedFilters: [GreaterThan(v,2), IsNotNull(k)], ReadSchema: struct<k:string,v:double>

`);
  });

  test("dedup then limit: each stateful operator behind its exchange, ids from the top", () => {
    const { spark, out } = session();
    spark.readStream.format("pushy").load().dropDuplicates(["k"]).limit(5).explain();
    expect(out()).toBe(`== Physical Plan ==
StreamingGlobalLimit 5, state info [ opId = 0, numPartitions = 8 ]
+- Exchange SinglePartition
   +- StreamingDeduplicate [k], state info [ opId = 1, numPartitions = 8 ]
      +- Exchange hashpartitioning(k, 8)
         +- StreamingScan pushy [ts, k, v, n, note], PushedFilters: [], ReadSchema: struct<ts:timestamp,k:string,v:double,n:bigint,note:string>

`);
  });

  test("a started query explains the plan it runs, with its output mode", async () => {
    const { spark } = session();
    spark.conf.set("spark.sql.shuffle.partitions", "3");
    const q = spark.readStream.format("pushy").load().groupBy("k").count()
      .writeStream.outputMode("complete").format("memory").queryName("explained").start();
    await q.processAllAvailable();
    expect(q.explainString()).toBe(`== Physical Plan ==
StateStoreSave [k], state info [ opId = 0, numPartitions = 3 ], Complete, functions=[merge_count(1)]
+- Exchange hashpartitioning(k, 3)
   +- HashAggregate(keys=[k], functions=[partial_count(1)])
      +- StreamingScan pushy [k], PushedFilters: [], ReadSchema: struct<k:string>
`);
    await q.stop();
  });

  test("a stream joined with a static table: the static side is built, the stream probes it", () => {
    const { spark, out } = session();
    const dim = spark.createDataFrame([["a", "Alpha"]], "k STRING, name STRING");
    spark.readStream.format("pushy").load().join(dim, "k").explain();
    expect(out()).toBe(`== Physical Plan ==
*(1) Project [k, ts, v, n, note, name]
+- BroadcastHashJoin [k], [k], Inner
   :- StreamingScan pushy [ts, k, v, n, note], PushedFilters: [], ReadSchema: struct<ts:timestamp,k:string,v:double,n:bigint,note:string>
   +- LocalTableScan [k, name]

`);
  });
});

describe("pushdown reaches the source", () => {
  test("the columns and filters a query started with are in the source's context", async () => {
    const { spark, seen } = session();
    const q = spark.readStream.format("pushy").load()
      .filter(F.col("n").between(1, 5).or(F.col("k").equalTo("a")))
      .filter(F.col("note").isNull().not())
      .select("n")
      .writeStream.format("memory").queryName("pushed").start();
    await q.processAllAvailable();
    await q.stop();
    expect(seen[0]!.requiredColumns).toEqual(["k", "n", "note"]);
    expect(seen[0]!.filters).toEqual([
      { kind: "not", child: { kind: "isNull", column: "note" } },
      {
        kind: "or",
        left: { kind: "and", left: { kind: ">=", column: "n", value: 1 }, right: { kind: "<=", column: "n", value: 5 } },
        right: { kind: "=", column: "k", value: "a" },
      },
    ]);
  });
});
