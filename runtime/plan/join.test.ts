import { describe, expect, test } from "bun:test";
import { SparkSession } from "../api/session.ts";
import { functions as F } from "../mod.ts";
import { SluiceError } from "../errors.ts";
import { MemoryStream } from "../testing/memory_stream.ts";

const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").create();
const left = spark.createDataFrame([[1, "a"], [2, "b"], [2, "bb"], [null, "n"], [4, "d"]], "k INT, l STRING");
const right = spark.createDataFrame([[2, "x"], [2, "xx"], [3, "y"], [null, "z"]], "k INT, r STRING");
const rows = (df: ReturnType<typeof spark.sql>) => df.collectRaw().rows;
const sorted = (r: unknown[][]) => [...r].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe("DataFrame.join", () => {
  test("on a column name: the key once, first; null keys never match", () => {
    const df = left.join(right, "k");
    expect(df.columns).toEqual(["k", "l", "r"]);
    expect(sorted(rows(df))).toEqual(sorted([[2, "b", "x"], [2, "b", "xx"], [2, "bb", "x"], [2, "bb", "xx"]]));
  });

  test("every join type by PySpark's names", () => {
    const count = (how: string) => left.join(right, "k", how).count();
    expect([count("inner"), count("left"), count("left_outer"), count("right"), count("full"), count("outer"), count("leftsemi"), count("left_anti")])
      .toEqual([4, 7, 7, 6, 9, 9, 2, 3]);
  });

  test("full outer USING coalesces the key", () => {
    const df = left.join(right, ["k"], "full");
    expect(sorted(rows(df).map((r) => [r[0]]))).toEqual(sorted([[1], [2], [2], [2], [2], [null], [null], [4], [3]]));
  });

  test("on a condition over aliased DataFrames, with a residual predicate", () => {
    const df = left.alias("a").join(right.alias("b"), F.col("a.k").eq(F.col("b.k")).and(F.col("b.r").eq("xx")), "left");
    expect(df.columns).toEqual(["k", "l", "k", "r"]);
    expect(sorted(rows(df))).toEqual(sorted([[1, "a", null, null], [2, "b", 2, "xx"], [2, "bb", 2, "xx"], [null, "n", null, null], [4, "d", null, null]]));
  });

  test("a non-equi condition runs as a nested loop", () => {
    const df = left.alias("a").join(right.alias("b"), F.col("a.k").lt(F.col("b.k")));
    expect(sorted(rows(df.select("a.l", "b.r")))).toEqual(sorted([["a", "x"], ["a", "xx"], ["a", "y"], ["b", "y"], ["bb", "y"]]));
  });

  test("crossJoin", () => {
    expect(left.crossJoin(right).count()).toBe(20);
  });

  test("an unknown join type or USING column is Spark's error", () => {
    expect(() => left.join(right, "k", "sideways")).toThrow(SluiceError);
    try {
      left.join(right, "nope");
    } catch (e) {
      expect((e as SluiceError).code).toBe("UNRESOLVED_USING_COLUMN_FOR_JOIN");
    }
  });
});

describe("SQL joins", () => {
  left.createOrReplaceTempView("jl");
  right.createOrReplaceTempView("jr");

  test("null-safe equality matches nulls", () => {
    expect(sorted(rows(spark.sql("SELECT jl.l, jr.r FROM jl JOIN jr ON jl.k <=> jr.k")))).toEqual(sorted([
      ["b", "x"], ["b", "xx"], ["bb", "x"], ["bb", "xx"], ["n", "z"],
    ]));
  });

  test("right outer keeps the right side's order and unmatched rows", () => {
    expect(rows(spark.sql("SELECT jl.l, jr.r FROM jl RIGHT JOIN jr ON jl.k = jr.k"))).toEqual([
      ["b", "x"], ["bb", "x"], ["b", "xx"], ["bb", "xx"], [null, "y"], [null, "z"],
    ]);
  });

  test("semi and anti joins output only the left columns", () => {
    expect(spark.sql("SELECT * FROM jl LEFT SEMI JOIN jr ON jl.k = jr.k").columns).toEqual(["k", "l"]);
    expect(rows(spark.sql("SELECT l FROM jl LEFT ANTI JOIN jr ON jl.k = jr.k"))).toEqual([["a"], ["n"], ["d"]]);
  });

  test("ambiguous and qualified references", () => {
    try {
      spark.sql("SELECT k FROM jl JOIN jr ON jl.k = jr.k");
      throw new Error("no error");
    } catch (e) {
      expect((e as SluiceError).code).toBe("AMBIGUOUS_REFERENCE");
      expect((e as SluiceError).position?.start).toBe(7);
    }
    // After USING the key column keeps the left side's qualifier.
    expect(spark.sql("SELECT jl.k, r FROM jl JOIN jr USING (k)").columns).toEqual(["k", "r"]);
  });

  test("EXPLAIN shows the join", () => {
    const text = rows(spark.sql("EXPLAIN SELECT * FROM jl JOIN jr ON jl.k = jr.k"))[0]![0] as string;
    expect(text).toBe(
      "== Physical Plan ==\n*(1) Project [k, l, k, r]\n+- BroadcastHashJoin [k], [k], Inner\n   :- LocalTableScan [k, l]\n   +- LocalTableScan [k, r]\n",
    );
    const extended = rows(spark.sql("EXPLAIN EXTENDED SELECT * FROM jl JOIN jr ON jl.k = jr.k"))[0]![0] as string;
    expect(extended).toBe(`== Parsed Logical Plan ==
Project [jl.k AS k, jl.l AS l, jr.k AS k, jr.r AS r]
+- Join Inner, (jl.k = jr.k)
   :- SubqueryAlias jl
   :  +- LocalRelation [k, l], 5 rows
   +- SubqueryAlias jr
      +- LocalRelation [k, r], 4 rows

== Analyzed Logical Plan ==
k: int, l: string, k: int, r: string
Project [k, l, k, r]
+- Join Inner, (jl.k = jr.k)
   :- SubqueryAlias jl
   :  +- LocalRelation [k, l], 5 rows
   +- SubqueryAlias jr
      +- LocalRelation [k, r], 4 rows

== Optimized Logical Plan ==
Project [k, l, k, r]
+- Join Inner, (jl.k = jr.k)
   :- LocalRelation [k, l], 5 rows
   +- LocalRelation [k, r], 4 rows

== Physical Plan ==
*(1) Project [k, l, k, r]
+- BroadcastHashJoin [k], [k], Inner
   :- LocalTableScan [k, l]
   +- LocalTableScan [k, r]
`);
  });
});

describe("stream-static joins", () => {
  test("a stream joined with a static table runs per batch", async () => {
    const s = spark.newSession();
    const input = new MemoryStream(s, "k INT, v STRING");
    input.toDF().createOrReplaceTempView("st");
    s.createDataFrame([[1, "one"], [2, "two"]], "k INT, name STRING").createOrReplaceTempView("names");
    const got: unknown[][] = [];
    const q = s.sql("SELECT st.v, names.name FROM st LEFT JOIN names ON st.k = names.k").writeStream
      .foreachBatch((df) => { got.push(...df.collectRaw().rows); }).start();
    input.addData([[1, "a"], [3, "c"]]);
    await q.processAllAvailable();
    input.addData([[2, "b"]]);
    await q.processAllAvailable();
    await q.stop();
    expect(got).toEqual([["a", "one"], ["c", null], ["b", "two"]]);
  });

  test("unsupported combinations fail at start with Spark's message", () => {
    const s = spark.newSession();
    const input = new MemoryStream(s, "k INT");
    const df = s.createDataFrame([[1]], "k INT").join(input.toDF(), "k", "left");
    try {
      df.writeStream.format("memory").queryName("bad_join").start();
      throw new Error("started");
    } catch (e) {
      expect((e as SluiceError).message).toContain("LeftOuter join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported");
    }
  });
});
