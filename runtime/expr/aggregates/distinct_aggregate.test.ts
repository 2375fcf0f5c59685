import { expect, test } from "bun:test";
import { SparkSession } from "../../api/session.ts";

const spark = SparkSession.builder.getOrCreate();

test("an aggregate with DISTINCT folds each distinct argument once", async () => {
  const rows = await spark.sql(
    "SELECT k, sum(DISTINCT v) AS s, avg(DISTINCT v) AS a, count(DISTINCT v) AS c, collect_list(DISTINCT v) AS l " +
    "FROM VALUES ('a', 11), ('a', 11), ('a', 3), ('b', 2), ('b', NULL) AS t(k, v) GROUP BY k ORDER BY k",
  ).collect();
  expect(rows.map((r) => Object.values(r))).toEqual([["a", 14, 7, 2, [11, 3]], ["b", 2, 2, 1, [2]]]);
});
