// The tables SQLQueryTestSuite.createTestTables makes before the files run, as Parquet tables of
// the session catalog (Spark saves them with saveAsTable): testdata, arraydata, mapdata from
// literal rows, and aggtest, onek, tenk1 read from the PostgreSQL test data (tab separated CSV) in
// the tests jar.
import { join } from "node:path";
import type { DataFrame } from "../../runtime/api/data_frame.ts";
import type { SparkSession } from "../../runtime/api/session.ts";

const THOUSANDS_SCHEMA = [
  "unique1 int", "unique2 int", "two int", "four int", "ten int", "twenty int", "hundred int", "thousand int",
  "twothousand int", "fivethous int", "tenthous int", "odd int", "even int", "stringu1 string", "stringu2 string", "string4 string",
].join(", ");

export function createTestTables(spark: SparkSession, dataDir: string): void {
  const save = (df: DataFrame, name: string) => {
    df.createOrReplaceTempView(`source_of_${name}`);
    spark.sql(`CREATE TABLE ${name} USING parquet AS SELECT * FROM source_of_${name}`);
    spark.sql(`DROP VIEW source_of_${name}`);
  };
  const testdata = Array.from({ length: 100 }, (_, i) => [i + 1, String(i + 1)]);
  save(spark.createDataFrame(testdata, "key INT, value STRING"), "testdata");
  save(spark.createDataFrame([[[1, 2, 3], [[1, 2, 3]]], [[2, 3, 4], [[2, 3, 4]]]], "arraycol ARRAY<INT>, nestedarraycol ARRAY<ARRAY<INT>>"), "arraydata");
  const maps = [
    [[1, "a1"], [2, "b1"], [3, "c1"], [4, "d1"], [5, "e1"]],
    [[1, "a2"], [2, "b2"], [3, "c2"], [4, "d2"]],
    [[1, "a3"], [2, "b3"], [3, "c3"]],
    [[1, "a4"], [2, "b4"]],
    [[1, "a5"]],
  ].map((entries) => [new Map(entries as [number, string][])]);
  save(spark.createDataFrame(maps, "mapcol MAP<INT, STRING>"), "mapdata");
  const csv = (file: string, schema: string) =>
    spark.read.format("csv").options({ delimiter: "\t", header: "false" }).schema(schema)
      .load(join(dataDir, "test-data", "postgresql", file));
  save(csv("agg.data", "a int, b float"), "aggtest");
  save(csv("onek.data", THOUSANDS_SCHEMA), "onek");
  save(csv("tenk.data", THOUSANDS_SCHEMA), "tenk1");
}
