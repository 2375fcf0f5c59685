import { expect, test } from "bun:test";
import { functions as F } from "sluice";
import { physicalTree } from "../explain.ts";
import { planPhysical } from "../physical_planner.ts";
import { pushySession } from "../test_kit.ts";
import { partialAggregation } from "./partial_aggregation.ts";

test("a streaming aggregation aggregates each batch first; only partial rows cross the exchange", () => {
  const { spark } = pushySession();
  const df = spark.readStream.format("pushy").load().groupBy("k").agg(F.avg("v"), F.count("*"));
  const plain = planPhysical(df.plan, { shufflePartitions: 4, outputMode: "update" });
  expect(physicalTree(plain)).toBe(`StateStoreSave [k], state info [ opId = 0, numPartitions = 4 ], Update, functions=[avg(v), count(1)]
+- Exchange hashpartitioning(k, 4)
   +- StreamingScan pushy [ts, k, v, n, note], PushedFilters: [], ReadSchema: struct<ts:timestamp,k:string,v:double,n:bigint,note:string>`);
  expect(physicalTree(partialAggregation.apply(plain))).toBe(`StateStoreSave [k], state info [ opId = 0, numPartitions = 4 ], Update, functions=[merge_avg(v), merge_count(1)]
+- Exchange hashpartitioning(k, 4)
   +- HashAggregate(keys=[k], functions=[partial_avg(v), partial_count(1)])
      +- StreamingScan pushy [ts, k, v, n, note], PushedFilters: [], ReadSchema: struct<ts:timestamp,k:string,v:double,n:bigint,note:string>`);
});

test("a global aggregation has one partition; a batch aggregation has no exchange", () => {
  const { spark } = pushySession();
  const global = planPhysical(spark.readStream.format("pushy").load().groupBy().count().plan, { shufflePartitions: 4 });
  expect(physicalTree(partialAggregation.apply(global)).split("\n").slice(0, 3)).toEqual([
    "StateStoreSave [], state info [ opId = 0, numPartitions = 4 ], functions=[merge_count(1)]",
    "+- Exchange SinglePartition",
    "   +- HashAggregate(keys=[], functions=[partial_count(1)])",
  ]);
  const batch = planPhysical(spark.createDataFrame([["a"]], "k STRING").groupBy("k").count().plan, { shufflePartitions: 4 });
  expect(physicalTree(partialAggregation.apply(batch))).toBe("HashAggregate(keys=[k], functions=[count(1)])\n+- LocalTableScan [k]");
});
