import { expect, test } from "bun:test";
import { SparkSession } from "../../api/session.ts";

const spark = SparkSession.builder.getOrCreate();
const one = async (q: string) => Object.values((await spark.sql(q).collect())[0]!)[0];

// Answers of Spark 4.1 (its csv-functions.sql and interval.sql goldens, and CsvFunctionsSuite).
test("from_csv reads one record into the schema; PERMISSIVE keeps what converts", async () => {
  expect(await one("SELECT from_csv('1, 3.14', 'a INT, f FLOAT')")).toEqual({ a: 1, f: Math.fround(3.14) });
  expect(await one("SELECT from_csv('1,abc', schema_of_csv('1,abc'))")).toEqual({ _c0: 1, _c1: "abc" });
  expect(await one("SELECT from_csv(' 1,x', 'a INT, b STRING')")).toEqual({ a: null, b: "x" });
  expect(await one("SELECT from_csv('1', 'a INT, b STRING')")).toEqual({ a: 1, b: null });
  expect(() => spark.sql("SELECT from_csv('x', 'a INT', map('mode', 'FAILFAST'))").collect()).toThrow("MALFORMED_RECORD_IN_PARSING");
  expect(() => spark.sql("SELECT from_csv('1', 'Array<int>')")).toThrow("INVALID_SCHEMA.NON_STRUCT_TYPE");
});

test("schema_of_csv and to_csv", async () => {
  expect(await one("SELECT schema_of_csv('1|abc', map('delimiter', '|'))")).toBe("STRUCT<_c0: INT, _c1: STRING>");
  expect(await one("SELECT to_csv(named_struct('a', 1, 'b', 2))")).toBe("1,2");
  expect(await one("SELECT to_csv(named_struct('a', interval 32 hour, 'b', interval 70 minute))")).toBe("INTERVAL '32' HOUR,INTERVAL '70' MINUTE");
  expect(await one("SELECT to_csv(named_struct('a', 'x,y', 'b', CAST(NULL AS INT)))")).toBe('"x,y",');
});
