import { describe, expect, test } from "bun:test";
import {
  civilFromDays, dayOfYearOfDays, daysFromCivil, daysInMonth, floorDiv, floorMod, isLeapYear, isoDayOfWeek,
  isoWeekOfYear, splitMicros,
} from "./civil_date.ts";

describe("civil dates (proleptic Gregorian)", () => {
  test("day numbers of known dates", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2024, 1, 1)).toBe(19723);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(1, 1, 1)).toBe(-719162);
    expect(daysFromCivil(-44, 3, 15)).toBe(-735525);
    expect(daysFromCivil(1600, 2, 29)).toBe(-135081);
  });

  test("round trip over 800 years around the epoch", () => {
    for (let d = -150_000; d <= 150_000; d += 37) {
      const [y, m, day] = civilFromDays(d);
      expect(daysFromCivil(y!, m!, day!)).toBe(d);
    }
  });

  test("leap years", () => {
    expect([1900, 2000, 2023, 2024, 1600, -4].map(isLeapYear)).toEqual([false, true, false, true, true, true]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(dayOfYearOfDays(daysFromCivil(2024, 12, 31))).toBe(366);
  });

  test("ISO day of week and week of year (Spark's weekofyear)", () => {
    expect(isoDayOfWeek(0)).toBe(4); // 1970-01-01 was a Thursday
    expect(isoDayOfWeek(daysFromCivil(1600, 2, 29))).toBe(2);
    expect(isoWeekOfYear(daysFromCivil(2021, 1, 3))).toBe(53);
    expect(isoWeekOfYear(daysFromCivil(2020, 12, 31))).toBe(53);
    expect(isoWeekOfYear(daysFromCivil(1969, 12, 31))).toBe(1);
    expect(isoWeekOfYear(daysFromCivil(2024, 12, 30))).toBe(1);
  });

  test("exact floor division near 2^53", () => {
    expect(floorDiv(-1, 1_000_000)).toBe(-1);
    expect(floorMod(-1, 1_000_000)).toBe(999_999);
    const big = 9_007_199_254_740_000;
    const [d, us] = splitMicros(big);
    expect(d * 86_400_000_000 + us).toBe(big);
    expect(us >= 0 && us < 86_400_000_000).toBe(true);
  });
});
