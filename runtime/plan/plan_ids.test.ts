import { describe, expect, test } from "bun:test";
import { SparkSession } from "../api/session.ts";
import { functions as F } from "../mod.ts";
import { SluiceError } from "../errors.ts";

const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").create();
const imps = spark.createDataFrame([[1, "a"], [2, "b"], [3, "c"]], "adId INT, what STRING");
const clicks = spark.createDataFrame([[2, "x"], [3, "y"], [3, "yy"], [9, "z"]], "adId INT, what STRING");
const rows = (df: ReturnType<typeof spark.sql>) => df.collectRaw().rows;
const sorted = (r: unknown[][]) => [...r].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof SluiceError ? e.code : String(e);
  }
  return "no error";
};

describe("columns bound to their DataFrame (df.col)", () => {
  test("a join on df.col of each side, and a select of each side's column after it", () => {
    const j = imps.join(clicks, imps.col("adId").equalTo(clicks.col("adId")));
    expect(sorted(rows(j.select(imps.col("what"), clicks.col("what"), clicks.col("adId"))))).toEqual(
      sorted([["b", "x", 2], ["c", "y", 3], ["c", "yy", 3]]));
    // By name alone the same columns are ambiguous, as in Spark.
    expect(codeOf(() => j.select("what"))).toBe("AMBIGUOUS_REFERENCE");
  });

  test("bound columns survive filters, selects, watermarks and outer joins", () => {
    const c2 = clicks.filter(clicks.col("adId").gt(2)).select("adId", "what");
    const j = imps.join(c2, imps.col("adId").equalTo(c2.col("adId")), "left");
    expect(sorted(rows(j.select(imps.col("adId"), c2.col("what"))))).toEqual(sorted([[1, null], [2, null], [3, "y"], [3, "yy"]]));
    // The right side's column read after a further filter of the join.
    expect(sorted(rows(j.filter(c2.col("what").isNull()).select(imps.col("what"))))).toEqual(sorted([["a"], ["b"]]));
  });

  test("a self-join of aliased copies of one DataFrame", () => {
    const a = imps.alias("a"), b = imps.alias("b");
    const j = a.join(b, a.col("adId").lt(b.col("adId")));
    expect(sorted(rows(j.select(a.col("what"), b.col("what"))))).toEqual(sorted([["a", "b"], ["a", "c"], ["b", "c"]]));
  });

  test("one DataFrame on both sides is ambiguous, as Spark says", () => {
    expect(codeOf(() => imps.join(imps, imps.col("adId").equalTo(imps.col("adId"))))).toBe("AMBIGUOUS_COLUMN_REFERENCE");
  });

  test("df.col of a missing column fails at once; a grouping column stays bound", () => {
    expect(codeOf(() => imps.col("nope"))).toBe("UNRESOLVED_COLUMN.WITH_SUGGESTION");
    const g = clicks.groupBy(clicks.col("adId")).agg(F.count("*").alias("n"));
    expect(sorted(rows(g.select(clicks.col("adId"), "n")))).toEqual(sorted([[2, 1], [3, 2], [9, 1]]));
  });

  test("a column of another DataFrame resolves by its name (Spark classic keeps attribute ids across filters)", () => {
    const f = imps.filter("adId > 1");
    expect(sorted(rows(imps.select(f.col("what"))))).toEqual(sorted([["a"], ["b"], ["c"]]));
  });
});
