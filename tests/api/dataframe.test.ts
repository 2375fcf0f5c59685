// The batch DataFrame API as a PySpark user writes it.
import { describe, expect, test } from "bun:test";
import { functions as F, SparkSession, types as T } from "../../runtime/mod.ts";

const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");
let printed = "";
spark.stdout = (t) => void (printed += t);

const people = () => spark.createDataFrame(
  [
    { name: "ann", age: 34, city: "Oslo", tags: ["a", "b"], address: { zip: "0150", street: "Main" } },
    { name: "bob", age: 17, city: null, tags: [], address: null },
    { name: "cy", age: null, city: "Rome", tags: null, address: { zip: "00100", street: "Via" } },
  ],
  "name STRING, age INT, city STRING, tags ARRAY<STRING>, address STRUCT<zip: STRING, street: STRING>",
);

describe("DataFrame (batch)", () => {
  test("schemas from DDL strings and StructType print as Spark's tree", () => {
    const schema = new T.StructType([
      new T.StructField("transaction_id", new T.StringType(), false),
      new T.StructField("amount", new T.DecimalType(10, 2), true),
    ]);
    const df = spark.createDataFrame([["t1", "12.50"]], schema);
    printed = "";
    df.printSchema();
    expect(printed).toBe("root\n |-- transaction_id: string (nullable = false)\n |-- amount: decimal(10,2) (nullable = true)\n");
    expect(df.collect()).toEqual([{ transaction_id: "t1", amount: "12.50" }]);
    expect(people().columns).toEqual(["name", "age", "city", "tags", "address"]);
  });

  test("select, selectExpr, withColumn(s), renames and drop", () => {
    const df = people()
      .withColumn("next_age", F.col("age").plus(1))
      .withColumns({ upper: F.upper("name"), age: F.col("age").multiply(2) })
      .withColumnRenamed("city", "town")
      .drop("tags", "nope");
    expect(df.columns).toEqual(["name", "age", "town", "address", "next_age", "upper"]);
    expect(df.select("name", "age", "next_age").collect()).toEqual([
      { name: "ann", age: 68, next_age: 35 }, { name: "bob", age: 34, next_age: 18 }, { name: "cy", age: null, next_age: null },
    ]);
    expect(people().selectExpr("name", "age * 2 AS double_age", "address.zip").first()).toEqual({ name: "ann", double_age: 68, zip: "0150" });
  });

  test("filters with Columns and strings; three-valued logic drops unknowns", () => {
    expect(people().filter(F.col("age").gt(18)).count()).toBe(1);
    expect(people().where("age < 18 OR city = 'Rome'").select("name").collect()).toEqual([{ name: "bob" }, { name: "cy" }]);
    expect(people().filter(F.col("name").isin("ann", "cy")).count()).toBe(2);
    expect(people().filter(F.col("age").between(10, 20)).select("name").first()).toEqual({ name: "bob" });
    expect(people().filter(F.col("name").like("a%").or(F.col("name").rlike("^c"))).count()).toBe(2);
    expect(people().filter(F.col("city").isNull()).select("name").first()).toEqual({ name: "bob" });
  });

  test("when/otherwise, cast, nested fields and items", () => {
    const df = people().select(
      F.when(F.col("age").geq(18), "adult").when(F.col("age").lt(18), "minor").otherwise("unknown").alias("group"),
      F.col("age").cast("string").alias("age_s"),
      F.col("address").getField("street").alias("street"),
      // getItem on an empty array is an error under ANSI, as in Spark; try_element_at is not.
      F.expr("try_element_at(tags, 1)").alias("first_tag"),
      F.size("tags").alias("n"),
    );
    expect(df.collect()).toEqual([
      { group: "adult", age_s: "34", street: "Main", first_tag: "a", n: 2 },
      { group: "minor", age_s: "17", street: null, first_tag: null, n: 0 },
      { group: "unknown", age_s: null, street: "Via", first_tag: null, n: null },
    ]);
  });

  test("getItem out of bounds fails under ANSI, as in Spark", () => {
    let code = "";
    try {
      people().select(F.col("tags").getItem(0)).collect();
    } catch (e) {
      code = (e as { code: string }).code;
    }
    expect(code).toBe("INVALID_ARRAY_INDEX");
  });

  test("explode and explode_outer", () => {
    expect(people().select("name", F.explode("tags").alias("tag")).collect()).toEqual([{ name: "ann", tag: "a" }, { name: "ann", tag: "b" }]);
    expect(people().select("name", F.explode_outer("tags").alias("tag")).count()).toBe(4);
    expect(people().selectExpr("explode(tags)").columns).toEqual(["col"]);
  });

  test("union, unionByName, limit, take, orderBy", () => {
    const a = spark.createDataFrame([[1, "x"]], "n INT, s STRING");
    const b = spark.createDataFrame([["y", 2]], "s STRING, n INT");
    expect(a.unionByName(b).collect()).toEqual([{ n: 1, s: "x" }, { n: 2, s: "y" }]);
    expect(a.union(a).count()).toBe(2);
    expect(people().orderBy(F.col("age").desc()).select("name").collect().map((r) => r.name)).toEqual(["ann", "bob", "cy"]);
    expect(people().orderBy("age").select("name").collect().map((r) => r.name)).toEqual(["cy", "bob", "ann"]);
    expect(people().limit(2).count()).toBe(2);
    expect(people().take(1)).toEqual([people().first()!]);
  });

  test("show prints Spark's table; explain prints the plan", () => {
    printed = "";
    people().select("name", "age").show(2);
    expect(printed).toBe("+----+---+\n|name|age|\n+----+---+\n| ann| 34|\n| bob| 17|\n+----+---+\nonly showing top 2 rows\n");
    printed = "";
    people().filter("age > 1").select("name").explain();
    expect(printed).toBe("== Physical Plan ==\n*(1) Project [name]\n+- *(1) Filter (age > 1)\n   +- LocalTableScan [name, age, city, tags, address]\n\n");
  });

  test("grouped aggregation in batch", () => {
    const df = spark.createDataFrame([["a", 1], ["b", 2], ["a", 3], ["a", null]], "k STRING, v INT");
    expect(df.groupBy("k").agg(F.count("*").alias("n"), F.count("v").alias("nv"), F.sum("v").alias("s"), F.avg("v").alias("m"), F.max("v").alias("mx"))
      .orderBy("k").collect()).toEqual([
      { k: "a", n: 3, nv: 2, s: 4, m: 2, mx: 3 },
      { k: "b", n: 1, nv: 1, s: 2, m: 2, mx: 2 },
    ]);
    expect(df.groupBy().count().collect()).toEqual([{ count: 4 }]);
    expect(df.select(F.sum("v")).columns).toEqual(["sum(v)"]);
    expect(df.filter("v > 100").groupBy().agg(F.count("*"), F.sum("v")).collect()).toEqual([{ "count(1)": 0, "sum(v)": null }]);
  });
});

describe("star expansion", () => {
  test("s.* expands a struct column into its fields", () => {
    const df = spark.createDataFrame([[{ zip: "0150", street: "Main" }, 1]], "address STRUCT<zip: STRING, street: STRING>, n INT");
    expect(df.select("address.*", "n").collect()).toEqual([{ zip: "0150", street: "Main", n: 1 }]);
    expect(df.selectExpr("address.*").columns).toEqual(["zip", "street"]);
  });
});

describe("numeric aggregates over strings", () => {
  test("sum/avg cast strings to double, as Spark's implicit casts; a non-number fails at run time", () => {
    const df = spark.createDataFrame([["1.5"], ["2"]], "s STRING");
    expect(df.select(F.sum("s"), F.avg("s")).collect()).toEqual([{ "sum(s)": 3.5, "avg(s)": 1.75 }]);
    let code = "";
    try {
      spark.createDataFrame([["x"]], "s STRING").select(F.sum("s")).collect();
    } catch (e) {
      code = (e as { code: string }).code;
    }
    expect(code).toBe("CAST_INVALID_INPUT");
  });
});
