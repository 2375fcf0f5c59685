// approx_count_distinct against PySpark 4.1.1: spark.range(n).select(approx_count_distinct("id"),
// approx_count_distinct(concat("k", id)), approx_count_distinct("id", 0.01)) gave these numbers.
import { describe, expect, test } from "bun:test";
import { functions as F, SparkSession } from "../../mod.ts";

const SPARK: Record<number, [number, number, number]> = {
  10: [10, 10, 10], 100: [103, 101, 100], 450: [437, 469, 449], 1000: [1026, 1012, 996],
  3000: [2770, 3174, 2991], 10000: [9571, 10749, 9965], 50000: [50113, 55873, 49813],
};

describe("approx_count_distinct (HyperLogLog++)", () => {
  const spark = SparkSession.builder.getOrCreate();
  for (const [n, expected] of Object.entries(SPARK)) {
    test(`${n} distinct values: Spark's estimates (linear counting, bias correction, rsd 0.01)`, () => {
      const r = spark.range(Number(n)).select(
        F.approx_count_distinct("id").alias("a"),
        F.approx_count_distinct(F.concat(F.lit("k"), F.col("id").cast("string"))).alias("b"),
        F.approx_count_distinct("id", 0.01).alias("c"),
      ).first()!;
      expect([r.a, r.b, r.c]).toEqual(expected);
    });
  }
});
