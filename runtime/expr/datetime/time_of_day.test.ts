import { describe, expect, test } from "bun:test";
import { SparkSession } from "../../mod.ts";
import { SluiceError } from "../../errors.ts";
import { formatTime, stringToTime, truncateTimeToPrecision } from "./time_of_day.ts";

const H = 3_600_000_000_000, M = 60_000_000_000, S = 1_000_000_000;

describe("stringToTime (SparkDateTimeUtils.stringToTime)", () => {
  const cases: [string, number | null][] = [
    ["0:0:0", 0],
    ["01:02:03", H + 2 * M + 3 * S],
    ["23:59:59.999999", 23 * H + 59 * M + 59 * S + 999_999_000],
    // digits beyond the microsecond are dropped
    ["23:59:59.999999999", 23 * H + 59 * M + 59 * S + 999_999_000],
    ["16:39:45\t", 16 * H + 39 * M + 45 * S],
    ["01:02:03 AM", H + 2 * M + 3 * S],
    ["12:00:00 am", 0],
    ["01:02:03 pM", 13 * H + 2 * M + 3 * S],
    ["12:30:00 PM", 12 * H + 30 * M],
    ["24:00:00", null],
    ["00:60:00", null],
    ["00:00:60", null],
    ["00:00:00 AM", null],
    ["13:00:00 PM", null],
    ["2020-01-01 01:02:03", null],
    ["01:02:03 UTC", null],
    ["abc", null],
  ];
  for (const [s, nanos] of cases) test(JSON.stringify(s), () => expect(stringToTime(s)).toBe(nanos));
});

describe("formatTime (FractionTimeFormatter)", () => {
  test("trailing zeros of the fraction are dropped", () => {
    expect(formatTime(0)).toBe("00:00:00");
    expect(formatTime(15 * H + 1 * S + 123_400_000)).toBe("15:00:01.1234");
    expect(formatTime(23 * H + 59 * M + 59 * S + 999_999_999)).toBe("23:59:59.999999999");
  });
  test("truncateTimeToPrecision keeps p digits", () => {
    expect(truncateTimeToPrecision(S + 987_654_321, 2)).toBe(S + 980_000_000);
    expect(truncateTimeToPrecision(S + 987_654_321, 0)).toBe(S);
  });
});

function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof SluiceError) return e.code;
    throw e;
  }
  return "none";
}

describe("the TIME type in a session", () => {
  test("off by default as in Spark 4.1 (spark.sql.timeType.enabled): literals parse, casts and functions refuse", () => {
    const spark = SparkSession.builder.create();
    expect(spark.sql("SELECT CAST(TIME '01:02:03.5' AS STRING) AS s").collect()).toEqual([{ s: "01:02:03.5" }]);
    expect(errorCode(() => spark.sql("SELECT CAST('01:02:03' AS TIME)").collect())).toBe("UNSUPPORTED_TIME_TYPE");
    expect(errorCode(() => spark.sql("SELECT make_time(1, 2, 3)").collect())).toBe("UNSUPPORTED_TIME_TYPE");
    expect(errorCode(() => spark.sql("SELECT hour(TIME '01:02:03')").collect())).toBe("UNSUPPORTED_TIME_TYPE");
  });

  test("on: casts, functions and arithmetic; collect() gives the text", () => {
    const spark = SparkSession.builder.create();
    spark.conf.set("spark.sql.timeType.enabled", "true");
    const df = spark.sql(
      "SELECT CAST('12:34:56.789' AS TIME(3)) AS t, make_time(6, 30, 45.678) AS m, to_time('23-59', 'HH-mm') AS p, " +
        "TIME '08:30' + INTERVAL '90' MINUTE AS plus, TIME '12:30:41' - TIME '10:00' AS d, time_diff('MINUTE', TIME '01:00', TIME '02:30') AS diff",
    );
    expect(df.schema.simpleString()).toBe("struct<t:time(3),m:time(6),p:time(6),plus:time(6),d:interval hour to second,diff:bigint>");
    const [row] = df.collect();
    expect(row).toMatchObject({ t: "12:34:56.789", m: "06:30:45.678", p: "23:59:00", plus: "10:00:00", diff: 90 });
    expect(errorCode(() => spark.sql("SELECT TIME '23:59:59' + INTERVAL '1' SECOND").collect())).toBe("DATETIME_OVERFLOW");
  });

  test("createDataFrame takes TIME values as text or nanoseconds", () => {
    const spark = SparkSession.builder.create();
    const df = spark.createDataFrame([{ t: "09:30:00.5" }, { t: 3 * H }], "t time(1)");
    expect(df.collect()).toEqual([{ t: "09:30:00.5" }, { t: "03:00:00" }]);
  });
});
