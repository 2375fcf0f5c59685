import { describe, expect, test } from "bun:test";
import { SluiceError } from "../../errors.ts";
import { compileDatetimePattern, DateTimeParseError } from "./datetime_pattern.ts";
import { stringToTimestamp } from "./string_to_timestamp.ts";
import { getTimeZone } from "./time_zone.ts";
import { timestampToString } from "./timestamp_to_string.ts";

const utc = getTimeZone("UTC");
const ts = (s: string) => stringToTimestamp(s, utc)!;
const fmt = (p: string, s: string, zone = "UTC") => compileDatetimePattern(p, false).format(ts(s), getTimeZone(zone));
const parse = (p: string, s: string, zone = "UTC") => {
  try {
    return timestampToString(compileDatetimePattern(p, true).parse(s, getTimeZone(zone)), utc);
  } catch (e) {
    if (e instanceof DateTimeParseError) return "ERR " + e.message;
    throw e;
  }
};
const patternError = (p: string, parsing = false) => {
  try {
    compileDatetimePattern(p, parsing);
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error("no error for " + p);
};

// Expected texts below are PySpark 4.1.1 date_format / to_timestamp results.
describe("formatting", () => {
  test("all the common letters", () => {
    expect(fmt("yyyy yy y yyy MM M MMM MMMM d dd D DD DDD HH H hh h mm m ss s SSS S SSSSSS a E EEE EEEE", "2024-03-10 10:05:06.123456"))
      .toBe("2024 24 2024 2024 03 3 Mar March 10 10 70 70 070 10 10 10 10 05 5 06 6 123 1 123456 AM Sun Sun Sunday");
    expect(fmt("XXX XX X Z ZZ ZZZ ZZZZ ZZZZZ z zz zzz zzzz VV O OOOO x xx xxx", "2024-03-10 10:05:06"))
      .toBe("Z Z Z +0000 +0000 +0000 GMT Z UTC UTC UTC Coordinated Universal Time UTC GMT GMT +00 +0000 +00:00");
    expect(fmt("q Q QQ G GGGG k K L LLL LLLL F", "2024-01-01 10:00:00")).toBe("1 1 01 AD Anno Domini 10 10 1 Jan January 1");
    expect(fmt("'o''clock' ''", "2024-03-10 10:05:06")).toBe("o'clock '");
    expect(fmt("EEEE, MMMM d, yyyy h:mm a", "2024-02-29 13:05:00")).toBe("Thursday, February 29, 2024 1:05 PM");
    expect(fmt("yyyy-MM-dd kk KK hh a", "2024-01-01 00:00:00")).toBe("2024-01-01 24 00 12 AM");
  });

  test("years before 1 and after 9999", () => {
    expect(fmt("yyyy yy y", "0001-03-10 10:05:06")).toBe("0001 01 1");
    expect(fmt("yyyy yy y G", "-0044-03-10 10:05:06")).toBe("0045 45 45 BC");
    expect(fmt("yyyy yy y", "+12345-01-01 00:00:00")).toBe("+12345 45 12345");
    expect(fmt("yyyy-MM-dd HH:mm:ss EEE D", "1969-07-20 20:17:40")).toBe("1969-07-20 20:17:40 Sun 201");
  });

  test("time zones: DST zone, fixed offset, half-hour zone, LMT", () => {
    const p = "yyyy-MM-dd HH:mm:ss.SSS XXX Z z zzzz O VV x";
    expect(fmt(p, "2024-07-01 12:34:56.789", "America/Los_Angeles"))
      .toBe("2024-07-01 05:34:56.789 -07:00 -0700 PDT Pacific Daylight Time GMT-7 America/Los_Angeles -07");
    expect(fmt(p, "2024-07-01 12:34:56.789", "+02:00")).toBe("2024-07-01 14:34:56.789 +02:00 +0200 +02:00 +02:00 GMT+2 +02:00 +02");
    expect(fmt(p, "2024-07-01 12:34:56.789", "Europe/Paris"))
      .toBe("2024-07-01 14:34:56.789 +02:00 +0200 CEST Central European Summer Time GMT+2 Europe/Paris +02");
    expect(fmt(p, "2024-07-01 12:34:56.789", "Asia/Kolkata"))
      .toBe("2024-07-01 18:04:56.789 +05:30 +0530 IST India Standard Time GMT+5:30 Asia/Kolkata +0530");
    expect(fmt("yyyy-MM-dd HH:mm:ss XXXXX", "1850-06-01 00:00:00", "America/Los_Angeles")).toBe("1850-05-31 16:07:02 -07:52:58");
    expect(fmt("yyyy-MM-dd HH:mm:ss XXX", "1900-01-01 00:00:00", "America/Los_Angeles")).toBe("1899-12-31 16:00:00 -08:00");
  });
});

describe("parsing", () => {
  const cases: [string, string, string][] = [
    ["yyyy-MM-dd", "abc", "ERR Text 'abc' could not be parsed at index 0"],
    ["yyyy-MM-dd", "2024-02-30", "ERR Text '2024-02-30' could not be parsed: Invalid date 'FEBRUARY 30'"],
    ["yyyy-MM-dd", "2023-02-29", "ERR Text '2023-02-29' could not be parsed: Invalid date 'February 29' as '2023' is not a leap year"],
    ["yyyy-MM-dd", "2024-01-01 10", "ERR Text '2024-01-01 10' could not be parsed, unparsed text found at index 10"],
    ["yyyy-MM-dd", "2024-13-01", "ERR Text '2024-13-01' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13"],
    ["yyyy-MM-dd", "12345-01-01", "ERR Text '12345-01-01' could not be parsed at index 0"],
    ["yyyy-MM-dd", "2024-02-29", "2024-02-29 00:00:00"],
    ["yyyyMMdd", "20240102", "2024-01-02 00:00:00"],
    ["yyyyMMddHH", "2024010203", "2024-01-02 03:00:00"],
    ["yyyy-M-d", "2024-1-2", "2024-01-02 00:00:00"],
    ["yyyy-MM-dd H:mm", "2024-01-02 3:04", "2024-01-02 03:04:00"],
    ["yyyy-MM-dd HH:mm:ss.SSS", "2024-01-02 03:04:05.1", "2024-01-02 03:04:05.1"],
    ["yyyy-MM-dd HH:mm:ss.SSSSSS", "2024-01-02 03:04:05.123456", "2024-01-02 03:04:05.123456"],
    ["yyyy-MM-dd HH:mm:ss.SSS", "2024-01-02 03:04:05.1234", "ERR Text '2024-01-02 03:04:05.1234' could not be parsed, unparsed text found at index 23"],
    ["yyyy-MM-dd HH:mm:ss.SSS", "2024-01-02 03:04:05.", "ERR Text '2024-01-02 03:04:05.' could not be parsed at index 20"],
    ["hh:mm a", "10:30 PM", "1970-01-01 22:30:00"],
    ["hh:mm a", "12:30 am", "1970-01-01 00:30:00"],
    ["hh:mm", "10:30", "1970-01-01 10:30:00"],
    ["yyyy-MM-dd'T'HH:mm:ssXXX", "2024-01-02T03:04:05+02:00", "2024-01-02 01:04:05"],
    ["yyyy-MM-dd HH:mm:ss Z", "2024-01-02 03:04:05 +0200", "2024-01-02 01:04:05"],
    ["yyyy-MM-dd HH:mm:ss VV", "2024-01-02 03:04:05 America/New_York", "2024-01-02 08:04:05"],
    ["yyyy-MM-dd HH:mm:ss z", "2024-01-02 03:04:05 PST", "2024-01-02 11:04:05"],
    ["MMM d, yyyy", "Jan 5, 2024", "2024-01-05 00:00:00"],
    ["MMMM d yyyy", "January 5 2024", "2024-01-05 00:00:00"],
    ["MMM d yyyy", "jan 5 2024", "2024-01-05 00:00:00"],
    ["yyyy DDD", "2024 060", "2024-02-29 00:00:00"],
    ["yyyy D", "2024 60", "2024-02-29 00:00:00"],
    ["yyyy D", "2023 366", "ERR Text '2023 366' could not be parsed: Invalid date 'DayOfYear 366' as '2023' is not a leap year"],
    ["yyyy-MM DDD", "2023-02 060", "ERR Text '2023-02 060' could not be parsed: Conflict found: Field MonthOfYear 3 differs from MonthOfYear 2 derived from 2023-03-01"],
    ["yy-MM-dd", "24-01-05", "2024-01-05 00:00:00"],
    ["yy-MM-dd", "99-01-05", "2099-01-05 00:00:00"],
    ["yyyy-MM-dd HH:mm", "2024-01-05 24:00", "ERR Text '2024-01-05 24:00' could not be parsed: Invalid value for HourOfDay (valid values 0 - 23): 24"],
    ["yyyy-MM-dd hh:mm a", "2024-01-05 13:00 PM", "ERR Text '2024-01-05 13:00 PM' could not be parsed: Invalid value for ClockHourOfAmPm (valid values 1 - 12): 13"],
    ["yyyy-MM", "2024-13", "ERR Invalid value for MonthOfYear (valid values 1 - 12): 13"],
    ["mm", "61", "ERR Text '61' could not be parsed: Invalid value for MinuteOfHour (valid values 0 - 59): 61"],
    ["yyyy-MM-dd HH:mm:ss[.SSS]", "2024-01-02 03:04:05", "2024-01-02 03:04:05"],
    ["yyyy-MM-dd HH:mm:ss[.SSS]", "2024-01-02 03:04:05.25", "2024-01-02 03:04:05.25"],
  ];
  for (const [p, s, want] of cases) {
    test(`${p} <- ${s}`, () => expect(parse(p, s)).toBe(want));
  }

  test("the session zone applies without a zone in the text; DST gap and overlap", () => {
    expect(parse("yyyy-MM-dd HH:mm:ss", "2024-01-01 00:00:00", "America/Los_Angeles")).toBe("2024-01-01 08:00:00");
    expect(parse("yyyy-MM-dd HH:mm:ss", "2024-03-10 02:30:00", "America/Los_Angeles")).toBe("2024-03-10 10:30:00");
    expect(parse("yyyy-MM-dd HH:mm:ss", "2024-11-03 01:30:00", "America/Los_Angeles")).toBe("2024-11-03 08:30:00");
    expect(parse("yyyy-MM-dd HH:mm:ss", "1850-01-01 00:00:00", "America/Los_Angeles")).toBe("1850-01-01 07:52:58");
  });

  test("long texts are abbreviated in messages like java.time does", () => {
    const long = "x".repeat(70);
    expect(parse("yyyy", long)).toBe(`ERR Text '${"x".repeat(64)}...' could not be parsed at index 0`);
  });
});

describe("invalid patterns", () => {
  test("letters java.time and the legacy parser both refuse", () => {
    const e = patternError("yyyy-MM-dd foo");
    expect(e.code).toBe("INVALID_DATETIME_PATTERN.WITH_SUGGESTION");
    expect(e.message).toBe("[INVALID_DATETIME_PATTERN.WITH_SUGGESTION] Unrecognized datetime pattern: 'yyyy-MM-dd foo'. You can form a valid datetime pattern with the guide from 'https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html'. SQLSTATE: 22007");
    expect(patternError("yyyy-MM-dd 'T").message).toContain("'yyyy-MM-dd \\'T'");
  });

  test("letters Spark refuses", () => {
    const b = patternError("yyyy-MM-dd B");
    expect(b.code).toBe("INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER");
    expect(b.bareMessage).toBe("Unrecognized datetime pattern: yyyy-MM-dd B. Illegal pattern character found in datetime pattern: B. Please provide legal character.");
    const e = patternError("yyyy-MM-dd ee");
    expect(e.code).toBe("INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN");
    expect(e.bareMessage).toBe("You may get a different result due to the upgrading to Spark >= 3.0:\nAll week-based patterns are unsupported since Spark 3.0, detected week-based character: e.\nPlease use the SQL function EXTRACT instead.");
    expect(patternError("QQQQQ").code).toBe("INVALID_DATETIME_PATTERN.LENGTH");
    expect(patternError("yyyy q", true).code).toBe("INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER");
  });

  test("patterns the legacy parser knew get the upgrade hint", () => {
    for (const [p, parsing] of [["yyyy-MM-dd uu", true], ["EEE yyyy-MM-dd", true], ["MMMMM", false], ["yyyyyyy", false], ["YYYY", false], ["SSSSSSSSSS", false], ["yyyy-MM-dd#", false]] as const) {
      const e = patternError(p, parsing);
      expect(e.code).toBe("INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION");
      expect(e.sqlState).toBe("42K0B");
    }
    expect(patternError("YYYY").bareMessage).toBe(
      "You may get a different result due to the upgrading to Spark >= 3.0:\nFail to recognize 'YYYY' pattern in the DateTimeFormatter.\n1) You can set \"spark.sql.legacy.timeParserPolicy\" to \"LEGACY\" to restore the behavior before Spark 3.0.\n2) You can form a valid datetime pattern with the guide from 'https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html'.",
    );
  });

  test("E is fine for formatting", () => {
    expect(fmt("EEE yyyy-MM-dd", "2024-01-01 00:00:00")).toBe("Mon 2024-01-01");
  });
});
