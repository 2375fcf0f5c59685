import { describe, expect, test } from "bun:test";
import { SparkSession } from "../api/session.ts";
import { SluiceError } from "../errors.ts";
import { MemoryStream } from "../testing/memory_stream.ts";

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof SluiceError) return e.code;
    throw e;
  }
  return "none";
};

describe("spark.sql statements", () => {
  test("temp views from SQL and from DataFrames; spark.table; listTables; DROP VIEW", () => {
    const spark = SparkSession.builder.create();
    spark.createDataFrame([[1, "a"], [2, "b"]], "id INT, name STRING").createOrReplaceTempView("base");
    expect(spark.sql("CREATE TEMP VIEW doubled (n, twice) AS SELECT id, id * 2 FROM base").columns).toEqual([]);
    expect(spark.table("doubled").collectRaw().rows).toEqual([[1, 2], [2, 4]]);
    expect(spark.catalog.listTables().map((t) => t.name)).toEqual(["base", "doubled"]);
    expect(code(() => spark.sql("CREATE TEMP VIEW doubled AS SELECT 1"))).toBe("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS");
    spark.sql("CREATE OR REPLACE TEMP VIEW doubled AS SELECT 7 AS seven");
    expect(spark.sql("SELECT * FROM doubled").collectRaw().rows).toEqual([[7]]);
    spark.sql("DROP VIEW doubled");
    expect(code(() => spark.sql("SELECT * FROM doubled"))).toBe("TABLE_OR_VIEW_NOT_FOUND");
    expect(code(() => spark.sql("DROP VIEW doubled"))).toBe("TABLE_OR_VIEW_NOT_FOUND");
    spark.sql("DROP VIEW IF EXISTS doubled");
  });

  test("global temp views are shared by sessions under global_temp", () => {
    const a = SparkSession.builder.create();
    a.sql("CREATE OR REPLACE GLOBAL TEMP VIEW shared_numbers AS SELECT * FROM range(3)");
    const b = a.newSession();
    expect(b.sql("SELECT sum(id) FROM global_temp.shared_numbers").collectRaw().rows).toEqual([[3]]);
    expect(code(() => b.sql("SELECT * FROM shared_numbers"))).toBe("TABLE_OR_VIEW_NOT_FOUND");
    b.sql("DROP VIEW global_temp.shared_numbers");
  });

  test("SET, SHOW TABLES, EXPLAIN", () => {
    const spark = SparkSession.builder.create();
    expect(spark.sql("SET spark.sql.ansi.enabled=false").collectRaw().rows).toEqual([["spark.sql.ansi.enabled", "false"]]);
    expect(spark.sql("SELECT 1 / 0").collectRaw().rows).toEqual([[null]]);
    spark.createDataFrame([[1]], "x INT").createOrReplaceTempView("only_one");
    expect(spark.sql("SHOW TABLES").collectRaw().rows).toEqual([["", "only_one", true]]);
    const plan = (spark.sql("EXPLAIN EXTENDED SELECT x + 1 AS y FROM only_one WHERE x > 0").collectRaw().rows as string[][])[0]![0]!;
    expect(plan).toContain("== Analyzed Logical Plan ==\ny: int");
    expect(plan).toContain("Filter (x > 0)");
  });

  test("a query over a stream is a streaming DataFrame; a memory sink's table is queryable", async () => {
    const spark = SparkSession.builder.create();
    const input = new MemoryStream(spark, "event_type STRING, event_count BIGINT");
    input.toDF().createOrReplaceTempView("funnel_events");
    const agg = spark.sql("SELECT event_type, SUM(event_count) AS event_count FROM funnel_events GROUP BY event_type");
    expect(agg.isStreaming).toBe(true);
    const q = agg.writeStream.outputMode("complete").format("memory").queryName("conversion_funnel").start();
    input.addData([["view", 100], ["cart", 40], ["purchase", 10], ["view", 50], ["cart", 10]]);
    await q.processAllAvailable();
    const result = spark.sql(`SELECT event_type, SUM(event_count) AS total_events,
        ROUND(SUM(event_count) * 100.0 / SUM(SUM(event_count)) OVER (), 2) AS percentage
      FROM conversion_funnel GROUP BY event_type
      ORDER BY CASE event_type WHEN 'view' THEN 1 WHEN 'cart' THEN 2 WHEN 'purchase' THEN 3 END`);
    expect(result.columns).toEqual(["event_type", "total_events", "percentage"]);
    expect(result.collectRaw().rows).toEqual([["view", 150, 7143n], ["cart", 50, 2381n], ["purchase", 10, 476n]]);
    input.addData([["purchase", 5]]);
    await q.processAllAvailable();
    expect(spark.sql("SELECT total_events FROM (SELECT event_type, SUM(event_count) AS total_events FROM conversion_funnel GROUP BY event_type) WHERE event_type = 'purchase'").collectRaw().rows).toEqual([[15]]);
    await q.stop();
  });

  test("DESCRIBE, SHOW VIEWS and parameter markers", () => {
    const spark = SparkSession.builder.create();
    spark.createDataFrame([[1, "a"], [2, "b"]], "id INT, name STRING").createOrReplaceTempView("people");
    expect(spark.sql("DESCRIBE people").collectRaw().rows).toEqual([["id", "int", null], ["name", "string", null]]);
    expect(spark.sql("DESC QUERY SELECT id + 1 AS next FROM people").collectRaw().rows).toEqual([["next", "int", null]]);
    expect(spark.sql("SHOW VIEWS").columns).toEqual(["namespace", "viewName", "isTemporary"]);
    expect(spark.sql("SELECT name FROM people WHERE id = :id", { id: 2 }).collectRaw().rows).toEqual([["b"]]);
    expect(spark.sql("SELECT name FROM people WHERE id > ? AND name <> ?", [0, "a"]).collectRaw().rows).toEqual([["b"]]);
    expect(code(() => spark.sql("SELECT :missing"))).toBe("UNBOUND_SQL_PARAMETER");
  });

  test("errors carry a caret under the offending text", () => {
    const spark = SparkSession.builder.create();
    spark.createDataFrame([[1]], "x INT").createOrReplaceTempView("t");
    try {
      spark.sql("SELECT x,\n  nope + 1\nFROM t");
      throw new Error("no error");
    } catch (e) {
      expect((e as SluiceError).code).toBe("UNRESOLVED_COLUMN.WITH_SUGGESTION");
      expect((e as Error).message).toContain("(line 2, pos 2)\n\n== SQL ==\nSELECT x,\n  nope + 1\n--^^^^\nFROM t");
    }
  });
});
