import { expect, test } from "bun:test";
import { functions as F } from "sluice";
import { sourcesOf, type Plan } from "../../plan/plan.ts";
import { optimizerContext, pushySession } from "../test_kit.ts";
import { columnPruning } from "./column_pruning.ts";

const required = (p: Plan) => sourcesOf(columnPruning.apply(p, optimizerContext)).map((s) => s.pushdown?.requiredColumns);

test("a source reads the columns the query uses anywhere above it", () => {
  const { spark } = pushySession();
  const src = () => spark.readStream.format("pushy").load();
  expect(required(src().select("k").plan)).toEqual([[1]]);
  expect(required(src().filter(F.col("n").gt(1)).select("k").plan)).toEqual([[1, 3]]);
  expect(required(src().groupBy("k").agg(F.sum("v")).plan)).toEqual([[1, 2]]);
  expect(required(src().withWatermark("ts", "1 minute").groupBy("k").count().plan)).toEqual([[0, 1]]);
  expect(required(src().dropDuplicates(["note"]).select("k").plan)).toEqual([[1, 4]]);
});

test("every column when all are used; a source that cannot prune is left alone", () => {
  const { spark } = pushySession();
  expect(required(spark.readStream.format("pushy").load().plan)).toEqual([undefined]);
  expect(required(spark.readStream.format("rate").load().select("value").plan)).toEqual([undefined]);
});

test("a join takes each side's columns and keys; a union asks each input for the same columns", () => {
  const { spark } = pushySession();
  const dim = spark.createDataFrame([["a", "x"]], "k STRING, label STRING");
  expect(required(spark.readStream.format("pushy").load().join(dim, "k").select("label", "v").plan)).toEqual([[1, 2]]);
  const src = spark.readStream.format("pushy").load();
  expect(required(src.select("n").union(src.select("v")).plan)).toEqual([[2, 3], [2, 3]]);
});
