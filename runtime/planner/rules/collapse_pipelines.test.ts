import { expect, test } from "bun:test";
import { functions as F } from "sluice";
import { physicalTree } from "../explain.ts";
import { planPhysical } from "../physical_planner.ts";
import { pushySession } from "../test_kit.ts";
import { collapsePipelines } from "./collapse_pipelines.ts";

test("each run of row-at-a-time operators becomes one numbered pipeline, counted from the bottom", () => {
  const { spark } = pushySession();
  const df = spark.readStream.format("pushy").load()
    .filter(F.col("n").gt(0)).select("k", "v")
    .dropDuplicates(["k"])
    .withColumn("w", F.col("v").multiply(2)).filter(F.col("w").lt(10));
  const physical = collapsePipelines.apply(planPhysical(df.plan, { shufflePartitions: 2 }));
  expect(physicalTree(physical)).toBe(`*(2) Filter (w < 10)
+- *(2) Project [k, v, (v * 2) AS w]
   +- StreamingDeduplicate [k], state info [ opId = 0, numPartitions = 2 ]
      +- Exchange hashpartitioning(k, 2)
         +- *(1) Project [k, v]
            +- *(1) Filter (n > 0)
               +- StreamingScan pushy [ts, k, v, n, note], PushedFilters: [], ReadSchema: struct<ts:timestamp,k:string,v:double,n:bigint,note:string>`);
  expect(physical.kind).toBe("pipeline");
});
