import { expect, test } from "bun:test";
import { functions as F } from "sluice";
import type { Plan } from "../../plan/plan.ts";
import { logicalTree } from "../explain.ts";
import { pushySession } from "../test_kit.ts";
import { constantFolding } from "./constant_folding.ts";
import { optimizerContext } from "../test_kit.ts";

const fold = (p: Plan) => logicalTree(constantFolding.apply(p, optimizerContext));

test("literal arithmetic, casts, CASE and coalesce become their values", () => {
  const { spark } = pushySession();
  const df = spark.readStream.format("pushy").load().select(
    F.col("v").plus(F.lit(1).plus(2)).alias("a"),
    F.when(F.lit(1).equalTo(1), "yes").otherwise("no").alias("b"),
    F.coalesce(F.lit(null), F.lit(7)).alias("c"),
    F.upper(F.lit("x")).alias("d"),
  );
  expect(fold(df.plan)).toBe("Project [(v + 3) AS a, yes AS b, 7 AS c, X AS d]\n+- StreamingRelation pushy, [ts, k, v, n, note]");
});

test("what reads the batch or is not deterministic stays; so does what fails when evaluated", () => {
  const { spark } = pushySession();
  const df = spark.readStream.format("pushy").load().select(
    F.rand(1).alias("r"), F.current_timestamp().alias("t"), F.lit(1).divide(0).alias("boom"),
  );
  expect(fold(df.plan)).toBe("Project [rand() AS r, current_timestamp() AS t, (1 / 0) AS boom]\n+- StreamingRelation pushy, [ts, k, v, n, note]");
});

test("a filter that folds to true is dropped; one that folds to false stays", () => {
  const { spark } = pushySession();
  const base = spark.readStream.format("pushy").load();
  expect(fold(base.filter(F.lit(1).lt(2)).plan)).toBe("StreamingRelation pushy, [ts, k, v, n, note]");
  expect(fold(base.filter(F.lit(1).gt(2)).plan)).toBe("Filter false\n+- StreamingRelation pushy, [ts, k, v, n, note]");
});
