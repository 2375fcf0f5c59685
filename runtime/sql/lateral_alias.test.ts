import { describe, expect, test } from "bun:test";
import { SparkSession } from "../api/session.ts";

const spark = SparkSession.builder.getOrCreate();
const rows = async (q: string) => (await spark.sql(q).collect()).map((r) => Object.values(r));
const columns = (q: string) => spark.sql(q).columns;

describe("lateral column aliases", () => {
  test("a later item reads an earlier alias; FROM columns win over aliases", async () => {
    expect(await rows("SELECT id + 1 AS x, x * 2, x AS id, id AS y FROM range(2)")).toEqual([[1, 2, 1, 0], [2, 4, 2, 1]]);
    expect(columns("SELECT id + 1 AS x, x * 2 FROM range(2)")).toEqual(["x", "(x * 2)"]);
  });

  test("in an aggregate, and through a struct field", async () => {
    expect(await rows("SELECT sum(id) AS s, s + 1 AS t FROM range(4)")).toEqual([[6, 7]]);
    expect(await rows("SELECT named_struct('f', 1) AS s, s.f + 1 AS g")).toEqual([[{ f: 1 }, 2]]);
  });

  test("two aliases of one name are ambiguous", () => {
    expect(() => spark.sql("SELECT 1 AS a, 2 AS a, a + 1")).toThrow("AMBIGUOUS_LATERAL_COLUMN_ALIAS");
  });

  test("spark.sql.lateralColumnAlias.enableImplicitResolution=false turns it off", () => {
    spark.conf.set("spark.sql.lateralColumnAlias.enableImplicitResolution", "false");
    try {
      expect(() => spark.sql("SELECT 1 AS a, a + 1")).toThrow("UNRESOLVED_COLUMN");
    } finally {
      spark.conf.unset("spark.sql.lateralColumnAlias.enableImplicitResolution");
    }
  });
});
