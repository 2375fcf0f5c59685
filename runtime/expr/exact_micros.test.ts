// Timestamps and day-time intervals beyond ±2^53 µs are exact (bigints, types/long.ts) where
// Spark's answers need all 64 bits; everywhere else they reach functions as the nearest double.
import { expect, test } from "bun:test";
import { SparkSession } from "sluice";
import { longFromSecondsAndMicros, splitMicros } from "../types/long.ts";

const spark = SparkSession.builder.create();
spark.conf.set("spark.sql.session.timeZone", "America/Los_Angeles");
const one = async (sql: string) => Object.values((await spark.sql(sql).collect())[0]!);
const text = async (sql: string) => Object.values((await spark.sql(`SELECT CAST((${sql}) AS STRING)`).collect())[0]!)[0];

test("seconds and micros to a canonical long and back", () => {
  expect(longFromSecondsAndMicros(1, 5)).toBe(1_000_005);
  expect(longFromSecondsAndMicros(9223372036854, 775807)).toBe(9223372036854775807n);
  expect(longFromSecondsAndMicros(-62135596800, 1)).toBe(-62135596799999999n);
  expect(splitMicros(-62135596799999999n)).toEqual([-62135596800, 1]);
  expect(splitMicros(-1)).toEqual([-1, 999_999]);
});

test("day-time interval literals at Long.MaxValue µs keep their last microsecond", async () => {
  expect(await one("SELECT INTERVAL '106751991 04:00:54.775807' DAY TO SECOND")).toEqual([9223372036854775807n]);
  expect(await text("INTERVAL '2562047788:00:54.775807' HOUR TO SECOND")).toBe("INTERVAL '2562047788:00:54.775807' HOUR TO SECOND");
  expect(spark.sql("SELECT INTERVAL '153722867280:54.775807' MINUTE TO SECOND").columns).toEqual(["INTERVAL '153722867280:54.775807' MINUTE TO SECOND"]);
});

test("interval / n and * n in 64 bits, rounded HALF_UP as Spark's LongMath.divide", async () => {
  // Spark 4.1 (interval.sql): -21350398 05:36:10.955162
  expect(await one("SELECT (INTERVAL '-106751991 04:00:54.775808' DAY TO SECOND) / 5")).toEqual([-1844674407370955162n]);
  // 2^63 - 1 = 7 * 1317624576693539401
  expect(await one("SELECT INTERVAL '106751991 04:00:54.775807' DAY TO SECOND / 7 * 7")).toEqual([9223372036854775807n]);
});

test("make_timestamp before 1685 keeps its microseconds; comparisons are exact", async () => {
  // Spark 4.1 (timestamp.sql): 0001-01-01 01:01:59.999999
  expect(await text("make_timestamp(1, 1, 1, 1, 1, 59.999999)")).toBe("0001-01-01 01:01:59.999999");
  expect(await one("SELECT make_timestamp(1, 1, 1, 1, 1, 59.999999) < make_timestamp(1, 1, 1, 1, 2, 0)")).toEqual([true]);
  expect(await text("make_timestamp_ntz(2300, 1, 1, 0, 0, 0.000001)")).toBe("2300-01-01 00:00:00.000001");
  // A function written for doubles still takes them (as the nearest double).
  expect(await one("SELECT year(make_timestamp(1, 1, 1, 1, 1, 59.999999))")).toEqual([1]);
});
