import { expect, test } from "bun:test";
import { SparkSession } from "../api/session.ts";

const spark = SparkSession.builder.getOrCreate();
const rows = async (q: string) => (await spark.sql(q).collect()).map((r) => Object.values(r));

test("a grouping set listed twice gives its groups twice; a + b and b + a are one grouping expression", async () => {
  // Spark 4.1's answers (group-analytics.sql, grouping_set.sql).
  expect(await rows("SELECT a, count(*) AS n FROM VALUES (1), (1), (2) AS t(a) GROUP BY GROUPING SETS ((a), (a)) ORDER BY a"))
    .toEqual([[1, 2], [1, 2], [2, 1], [2, 1]]);
  expect(await rows("SELECT a + b, b, sum(c) FROM VALUES (1, 1, 1), (2, 2, 2) AS t(a, b, c) GROUP BY GROUPING SETS ((a + b), (b + a), (b)) ORDER BY 1, 2"))
    .toEqual([[null, 1, 1], [null, 2, 2], [2, null, 1], [2, null, 1], [4, null, 2], [4, null, 2]]);
  expect(await rows("SELECT a, grouping__id FROM VALUES (1) AS t(a) GROUP BY GROUPING SETS ((a), ()) ORDER BY 2")).toEqual([[1, 0], [null, 1]]);
  let code: string | undefined;
  try {
    spark.sql("SELECT a FROM VALUES (1) AS t(a) GROUP BY ROLLUP(a, ())");
  } catch (e) {
    code = (e as { code?: string }).code;
  }
  expect(code).toBe("_LEGACY_ERROR_TEMP_0051");
});
