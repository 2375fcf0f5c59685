import { describe, expect, test } from "bun:test";
import { SparkSession } from "../api/session.ts";
import { SluiceError } from "../errors.ts";
import { MemoryStream } from "../testing/memory_stream.ts";

const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").create();
spark.createDataFrame([
  ["a", 1, 10], ["a", 2, 20], ["a", 3, 20], ["a", 4, null], ["b", 1, 5], ["b", 2, 7],
], "g STRING, i INT, v INT").createOrReplaceTempView("w");
const rows = (sql: string) => spark.sql(sql).collectRaw().rows;

describe("window functions", () => {
  test("ranking over peers", () => {
    expect(rows("SELECT i, row_number() OVER o, rank() OVER o, dense_rank() OVER o FROM w WHERE g = 'a' WINDOW o AS (ORDER BY v NULLS FIRST) ORDER BY i")).toEqual([
      [1, 2, 2, 2], [2, 3, 3, 3], [3, 4, 3, 3], [4, 1, 1, 1],
    ]);
  });

  test("the default frame with ORDER BY is RANGE … CURRENT ROW: peers share the running total", () => {
    expect(rows("SELECT i, sum(v) OVER (PARTITION BY g ORDER BY v) FROM w WHERE g = 'a' ORDER BY i")).toEqual([
      [1, 10], [2, 50], [3, 50], [4, null],
    ]);
  });

  test("ROWS frames: sliding and trailing", () => {
    expect(rows("SELECT i, sum(v) OVER (PARTITION BY g ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM w WHERE g = 'a' ORDER BY i")).toEqual([
      [1, 10], [2, 30], [3, 40], [4, 20],
    ]);
    expect(rows("SELECT i, count(v) OVER (PARTITION BY g ORDER BY i ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM w WHERE g = 'a' ORDER BY i")).toEqual([
      [1, 3], [2, 2], [3, 1], [4, 0],
    ]);
  });

  test("RANGE with value offsets", () => {
    expect(rows("SELECT i, count(*) OVER (ORDER BY i RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM w WHERE g = 'a' ORDER BY i")).toEqual([
      [1, 2], [2, 3], [3, 3], [4, 2],
    ]);
    expect(rows("SELECT i, count(*) OVER (ORDER BY i DESC RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM w WHERE g = 'a' ORDER BY i")).toEqual([
      [1, 2], [2, 2], [3, 2], [4, 1],
    ]);
  });

  test("lag / lead with offsets and defaults; ntile", () => {
    expect(rows("SELECT i, lag(v, 2) OVER (ORDER BY i), lead(v, 1, -1) OVER (ORDER BY i), ntile(3) OVER (ORDER BY i) FROM w WHERE g = 'a' ORDER BY i")).toEqual([
      [1, null, 20, 1], [2, null, 20, 1], [3, 10, null, 2], [4, 20, -1, 3],
    ]);
  });

  test("window functions over an aggregate", () => {
    expect(rows("SELECT g, sum(v) AS s, sum(sum(v)) OVER () AS total, rank() OVER (ORDER BY sum(v) DESC) AS r FROM w GROUP BY g ORDER BY g")).toEqual([
      ["a", 50, 62, 1], ["b", 12, 62, 2],
    ]);
  });

  test("Spark's errors", () => {
    const code = (sql: string) => {
      try {
        spark.sql(sql);
      } catch (e) {
        return (e as SluiceError).code;
      }
      return "none";
    };
    expect(code("SELECT rank() OVER (PARTITION BY g) FROM w")).toBe("_LEGACY_ERROR_TEMP_1037");
    expect(code("SELECT sum(DISTINCT v) OVER () FROM w")).toBe("DISTINCT_WINDOW_FUNCTION_UNSUPPORTED");
    expect(code("SELECT upper(g) OVER () FROM w")).toBe("UNSUPPORTED_EXPR_FOR_WINDOW");
    expect(code("SELECT sum(v) OVER (ORDER BY i ROWS BETWEEN 1 FOLLOWING AND 1 PRECEDING) FROM w")).toBe("DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON");
    expect(code("SELECT sum(v) OVER (RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM w")).toBe("DATATYPE_MISMATCH.RANGE_FRAME_WITHOUT_ORDER");
    expect(code("SELECT sum(v) OVER w2 FROM w")).toBe("MISSING_WINDOW_SPECIFICATION");
  });

  test("on a stream: Spark's NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING at start", () => {
    const s = spark.newSession();
    new MemoryStream(s, "k INT, v INT").toDF().createOrReplaceTempView("sw");
    const df = s.sql("SELECT k, row_number() OVER (PARTITION BY k ORDER BY v) AS rn FROM sw");
    try {
      df.writeStream.format("memory").queryName("bad_window").start();
      throw new Error("started");
    } catch (e) {
      expect((e as SluiceError).code).toBe("NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING");
    }
  });
});

describe("window functions in the DataFrame API", () => {
  test("F.row_number().over(Window…) and selectExpr with OVER", async () => {
    const { functions: F, Window } = await import("../mod.ts");
    const df = spark.table("w").where("g = 'a'");
    const w = Window.partitionBy("g").orderBy(F.col("i").desc());
    expect(df.select("i", F.row_number().over(w).alias("rn"), F.lag("v").over(w).alias("prev")).orderBy("i").collectRaw().rows).toEqual([
      [1, 4, 20], [2, 3, 20], [3, 2, null], [4, 1, null],
    ]);
    expect(df.selectExpr("i", "sum(v) OVER (ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s").orderBy("i").collectRaw().rows).toEqual([
      [1, 10], [2, 30], [3, 50], [4, 50],
    ]);
    expect(df.withColumn("total", F.sum("v").over(Window.partitionBy("g"))).columns).toEqual(["g", "i", "v", "total"]);
  });
});
