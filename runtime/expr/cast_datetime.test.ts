import { describe, expect, test } from "bun:test";
import {
  calendarIntervalToString, dateAddMonths, dayTimeIntervalToString, formatDate, formatLocalMicros, formatTimestamp,
  getTimeZone, subtractTimestamps, timestampAddDayTime, timestampAddInterval, yearMonthIntervalToString,
} from "./cast_datetime.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";

const ts = (s: string) => Date.parse(s + "Z") * 1000;
const day = (s: string) => Date.parse(s + "T00:00:00Z") / 86400000;

describe("datetime formatting and arithmetic", () => {
  test("dates and timestamps as Spark prints them", () => {
    expect(formatDate(0)).toBe("1970-01-01");
    expect(formatDate(-719893)).toBe("-0001-01-01");
    expect(formatDate(-719528)).toBe("0000-01-01");
    expect(formatDate(2932897)).toBe("+10000-01-01");
    expect(formatLocalMicros(-1)).toBe("1969-12-31 23:59:59.999999");
    expect(formatLocalMicros(ts("2024-01-01T00:00:00") + 120000)).toBe("2024-01-01 00:00:00.12");
    expect(formatTimestamp(ts("2024-07-01T12:00:00"), getTimeZone("Europe/Paris"))).toBe("2024-07-01 14:00:00");
    expect(formatTimestamp(ts("2024-07-01T12:00:00"), getTimeZone("-08:00"))).toBe("2024-07-01 04:00:00");
  });

  test("interval texts", () => {
    expect(dayTimeIntervalToString(93784500000, 0, 3)).toBe("INTERVAL '1 02:03:04.5' DAY TO SECOND");
    expect(dayTimeIntervalToString(3723000000, 1, 3)).toBe("INTERVAL '01:02:03' HOUR TO SECOND");
    expect(dayTimeIntervalToString(-1500000, 3, 3)).toBe("INTERVAL '-01.5' SECOND");
    expect(dayTimeIntervalToString(65000000, 2, 3)).toBe("INTERVAL '01:05' MINUTE TO SECOND");
    expect(dayTimeIntervalToString(93600000000, 0, 1)).toBe("INTERVAL '1 02' DAY TO HOUR");
    expect(yearMonthIntervalToString(14, 0, 1)).toBe("INTERVAL '1-2' YEAR TO MONTH");
    expect(yearMonthIntervalToString(-24, 0, 0)).toBe("INTERVAL '-2' YEAR");
    expect(calendarIntervalToString(new CalendarInterval(-13, 0, -1000))).toBe("-1 years -1 months -0.001 seconds");
  });

  test("month arithmetic clamps the day; day arithmetic follows the wall clock", () => {
    expect(dateAddMonths(day("2024-01-31"), 1)).toBe(day("2024-02-29"));
    expect(dateAddMonths(day("2024-03-31"), -1)).toBe(day("2024-02-29"));
    expect(dateAddMonths(day("2023-12-15"), 14)).toBe(day("2025-02-15"));
    const la = getTimeZone("America/Los_Angeles");
    const noon = ts("2024-03-09T20:00:00");
    expect(timestampAddDayTime(noon, 86400000000, la)).toBe(ts("2024-03-10T19:00:00"));
    expect(timestampAddInterval(noon, 0, 0, 86400000000, la)).toBe(ts("2024-03-10T20:00:00"));
    expect(subtractTimestamps(ts("2024-03-10T19:00:00"), noon, la)).toBe(86400000000);
    // 01:30 PDT + 1 month keeps the earlier offset in the overlap of 2024-11-03.
    expect(timestampAddInterval(ts("2024-10-03T08:30:00"), 1, 0, 0, la)).toBe(ts("2024-11-03T08:30:00"));
  });
});
