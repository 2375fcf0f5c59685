import { expect, test } from "bun:test";
import { SparkSession } from "../../api/session.ts";

const spark = SparkSession.builder.getOrCreate();

test("shifts as Java's: INT mod 32, BIGINT mod 64, >>> unsigned; the operator prints as (a << n)", async () => {
  // Spark 4.1's answers (bitwise.sql, postgreSQL/int2.sql, int8.sql).
  const df = spark.sql("SELECT 20181117 << 2, 20181117 >> 2, -1 >>> 1, shiftleft(bigint(-1), 63), shiftleft(smallint(-1), 15), shiftrightunsigned(-1, 0)");
  expect(df.columns).toEqual(["(20181117 << 2)", "(20181117 >> 2)", "(-1 >>> 1)", "shiftleft(-1, 63)", "shiftleft(-1, 15)", "shiftrightunsigned(-1, 0)"]);
  expect(Object.values((await df.collect())[0]!)).toEqual([80724468, 5045279, 2147483647, -9223372036854775808n, -32768, -1]);
});

test("bit_count counts the 64-bit two's complement; bit_get/getbit range-checks the position", async () => {
  // Spark 4.1's answers (bitwise.sql).
  const row = (await spark.sql("SELECT bit_count(-1), bit_count(CAST(3 AS TINYINT)), bit_count(true), getbit(11L, 3), bit_get(11, 2)").collect())[0]!;
  expect(Object.values(row)).toEqual([64, 2, 1, 1, 0]);
  expect(() => spark.sql("SELECT getbit(11L, 64)").collect()).toThrow("INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE");
});
