import { expect, test } from "bun:test";
import { logicalTree } from "../explain.ts";
import { optimizerContext, pushySession } from "../test_kit.ts";
import { eliminateSubqueryAliases } from "./eliminate_subquery_aliases.ts";

test("aliases only named columns: the optimized plan has none", () => {
  const { spark } = pushySession();
  const df = spark.readStream.format("pushy").load().alias("t").select("t.k");
  expect(logicalTree(df.plan)).toContain("SubqueryAlias t");
  expect(logicalTree(eliminateSubqueryAliases.apply(df.plan, optimizerContext))).toBe("Project [k]\n+- StreamingRelation pushy, [ts, k, v, n, note]");
});
