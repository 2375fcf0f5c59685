import { expect, test } from "bun:test";
import { SparkSession } from "../../api/session.ts";

const spark = SparkSession.builder.getOrCreate();

test("shifts as Java's: INT mod 32, BIGINT mod 64, >>> unsigned; the operator prints as (a << n)", async () => {
  // Spark 4.1's answers (bitwise.sql, postgreSQL/int2.sql, int8.sql).
  const df = spark.sql("SELECT 20181117 << 2, 20181117 >> 2, -1 >>> 1, shiftleft(bigint(-1), 63), shiftleft(smallint(-1), 15), shiftrightunsigned(-1, 0)");
  expect(df.columns).toEqual(["(20181117 << 2)", "(20181117 >> 2)", "(-1 >>> 1)", "shiftleft(-1, 63)", "shiftleft(-1, 15)", "shiftrightunsigned(-1, 0)"]);
  expect(Object.values((await df.collect())[0]!)).toEqual([80724468, 5045279, 2147483647, -9223372036854775808n, -32768, -1]);
});
