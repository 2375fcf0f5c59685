import { expect, test } from "bun:test";
import { functions as F } from "sluice";
import { sourcesOf, type Plan } from "../../plan/plan.ts";
import { optimizerContext, pushySession } from "../test_kit.ts";
import { constantFolding } from "./constant_folding.ts";
import { filterPushdown } from "./filter_pushdown.ts";

const pushed = (p: Plan) => sourcesOf(filterPushdown.apply(constantFolding.apply(p, optimizerContext), optimizerContext)).map((s) => s.pushdown?.filters);

test("comparisons with literals, either way round, and null tests; each filter's conjuncts", () => {
  const { spark } = pushySession();
  const df = spark.readStream.format("pushy").load()
    .filter(F.lit(3).lt(F.col("n")).and(F.col("k").isNotNull()))
    .filter(F.col("v").leq(2.5).or(F.col("note").isNull().not()));
  expect(pushed(df.plan)).toEqual([[
    { kind: "or", left: { kind: "<=", column: "v", value: 2.5 }, right: { kind: "not", child: { kind: "isNull", column: "note" } } },
    { kind: ">", column: "n", value: 3 },
    { kind: "isNotNull", column: "k" },
  ]]);
});

test("through projections that keep a column, not into computed ones; the source's name is used", () => {
  const { spark } = pushySession();
  const df = spark.readStream.format("pushy").load()
    .select(F.col("k").alias("key"), F.col("v").multiply(2).alias("v2"))
    .filter(F.col("key").equalTo("a").and(F.col("v2").gt(1)));
  expect(pushed(df.plan)).toEqual([[{ kind: "=", column: "k", value: "a" }]]);
});

test("nothing that needs a cast, a function of the column, or a column on both sides", () => {
  const { spark } = pushySession();
  const df = spark.readStream.format("pushy").load()
    .filter(F.col("n").gt(1.5).and(F.upper(F.col("k")).equalTo("A")).and(F.col("v").gt(F.col("n"))));
  expect(pushed(df.plan)).toEqual([undefined]);
});

test("not through a watermark (its event-time figures must see every row), nor into a source that cannot take filters", () => {
  const { spark } = pushySession();
  const watermarked = spark.readStream.format("pushy").load().withWatermark("ts", "1 minute").filter(F.col("n").gt(1));
  expect(pushed(watermarked.plan)).toEqual([undefined]);
  const rate = spark.readStream.format("rate").load().filter(F.col("value").gt(1));
  expect(pushed(rate.plan)).toEqual([undefined]);
});

test("a source read in two places gets only what both readers require", () => {
  const { spark } = pushySession();
  const src = spark.readStream.format("pushy").load();
  const df = src.filter(F.col("n").gt(1).and(F.col("k").equalTo("a"))).union(src.filter(F.col("n").gt(1)));
  const filters = pushed(df.plan);
  expect(filters).toEqual([[{ kind: ">", column: "n", value: 1 }], [{ kind: ">", column: "n", value: 1 }]]);
});

test("values that are bigints (longs beyond 2^53, decimals) are compared too", () => {
  const { spark } = pushySession();
  const src = spark.readStream.format("pushy").load();
  const big = F.col("n").gt(F.lit(9007199254740993n));
  const filters = pushed(src.filter(big).union(src.filter(big)).plan);
  expect(filters).toEqual([[{ kind: ">", column: "n", value: 9007199254740993n }], [{ kind: ">", column: "n", value: 9007199254740993n }]]);
});
