import { expect, test } from "bun:test";
import { SparkSession } from "../api/session.ts";

const spark = SparkSession.builder.getOrCreate();

test("a CTE calling rand() is computed once: its references read the same rows", async () => {
  const q = "WITH q AS (SELECT rand() AS r FROM range(4)) SELECT count(*) AS n FROM (SELECT * FROM q UNION SELECT * FROM q)";
  expect((await spark.sql(q).collect()).map((r) => r.n)).toEqual([4]);
  const self = "WITH q AS (SELECT id, rand() AS r FROM range(3)) SELECT count(*) AS n FROM q a JOIN q b ON a.id = b.id AND a.r = b.r";
  expect((await spark.sql(self).collect()).map((r) => r.n)).toEqual([3]);
});
