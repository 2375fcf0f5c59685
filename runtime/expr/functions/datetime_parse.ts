// Pattern parsing shared by to_timestamp(), to_date() and unix_timestamp(): compiles literal
// patterns once at bind time, others per distinct value, and turns java.time parse failures into
// Spark's CANNOT_PARSE_TIMESTAMP (ANSI) or null.
import { SluiceError } from "../../errors.ts";
import type { Bound } from "../bound.ts";
import { compileDatetimePattern, DateTimeParseError, type DatetimePattern } from "../datetime/datetime_pattern.ts";
import type { TimeZone } from "../datetime/time_zone.ts";

export function cannotParseTimestamp(message: string, suggestedFunc: string): SluiceError {
  return new SluiceError(
    "CANNOT_PARSE_TIMESTAMP",
    `${message}. Use \`${suggestedFunc}\` to tolerate invalid input string and return NULL instead.`,
    { sqlState: "22007" },
  );
}

/** Parses `text` with `pattern` to micros; null (non-ANSI) or CANNOT_PARSE_TIMESTAMP (ANSI) when it does not match. */
export function parseWithPattern(
  text: string, pattern: DatetimePattern, zone: TimeZone, ansi: boolean, suggestedFunc: string,
): number | null {
  try {
    return pattern.parse(text, zone);
  } catch (e) {
    if (e instanceof DateTimeParseError) {
      if (ansi) throw cannotParseTimestamp(e.message, suggestedFunc);
      return null;
    }
    throw e;
  }
}

/**
 * The pattern of a format argument: compiled now when it is a literal (so a bad pattern fails the
 * query before any row), else compiled per value through the pattern cache. `toText` converts the
 * argument's values to the pattern string.
 */
export function patternGetter(
  format: Bound, toText: (v: unknown) => string, isParsing: boolean,
): (v: unknown) => DatetimePattern {
  if (format.kind === "lit" && format.value !== null) {
    const p = compileDatetimePattern(toText(format.value), isParsing);
    return () => p;
  }
  return (v) => compileDatetimePattern(toText(v), isParsing);
}
