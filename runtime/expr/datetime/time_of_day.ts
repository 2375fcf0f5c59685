// Spark 4.1's TIME values: nanoseconds since midnight in [0, 86400 * 10^9) (a JS number, exact),
// with the string forms of SparkDateTimeUtils.stringToTime and FractionTimeFormatter.
import { SluiceError } from "../../errors.ts";
import { parseTimestampString } from "./string_to_timestamp.ts";

export const NANOS_PER_MICRO = 1000;
export const NANOS_PER_MILLI = 1_000_000;
export const NANOS_PER_SECOND = 1_000_000_000;
export const NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
export const NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;
export const NANOS_PER_DAY = 24 * NANOS_PER_HOUR;

/**
 * Spark's stringToTime: `[h]h:[m]m[:[s]s[.fraction]]` (also `T…`), optionally followed by AM/PM
 * (then the hour is 1..12); no date and no zone. Nanoseconds of the day, or null.
 */
export function stringToTime(s: string): number | null {
  // UTF8String.trimRight: trailing spaces.
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 32) end--;
  let text = s.slice(0, end);
  let isAM = false, isPM = false;
  if (text.length > 2) {
    const lc = text[text.length - 1]!;
    if (lc === "M" || lc === "m") {
      const slc = text[text.length - 2]!;
      isAM = slc === "A" || slc === "a";
      isPM = slc === "P" || slc === "p";
    }
  }
  const hasSuffix = isAM || isPM;
  if (hasSuffix) text = text.slice(0, text.length - 2);
  const p = parseTimestampString(text);
  if (p === null || !p.justTime || p.zone !== null) return null;
  let hr = p.segments[3]!;
  const min = p.segments[4]!, sec = p.segments[5]!, micros = p.segments[6]!;
  if (!hasSuffix) {
    if (hr < 0 || hr > 23) return null;
  } else {
    if (hr < 1 || hr > 12) return null;
    if (isAM) { if (hr === 12) hr = 0; } else if (hr !== 12) hr += 12;
  }
  if (min < 0 || min > 59 || sec < 0 || sec > 59) return null;
  return hr * NANOS_PER_HOUR + min * NANOS_PER_MINUTE + sec * NANOS_PER_SECOND + micros * NANOS_PER_MICRO;
}

const two = (n: number) => (n < 10 ? "0" : "") + n;

/** FractionTimeFormatter: HH:mm:ss and the fraction of the second without trailing zeros. */
export function formatTime(nanos: number): string {
  const h = Math.floor(nanos / NANOS_PER_HOUR);
  const m = Math.floor((nanos % NANOS_PER_HOUR) / NANOS_PER_MINUTE);
  const sec = Math.floor((nanos % NANOS_PER_MINUTE) / NANOS_PER_SECOND);
  const frac = nanos % NANOS_PER_SECOND;
  let out = `${two(h)}:${two(m)}:${two(sec)}`;
  if (frac !== 0) out += "." + String(frac).padStart(9, "0").replace(/0+$/, "");
  return out;
}

/** SparkDateTimeUtils.truncateTimeToPrecision: keeps `p` fractional digits of the seconds. */
export function truncateTimeToPrecision(nanos: number, p: number): number {
  const factor = 10 ** (9 - p);
  return Math.trunc(nanos / factor) * factor;
}

/** (hour, minute, second, nano) of a time. */
export function timeFields(nanos: number): [number, number, number, number] {
  return [
    Math.floor(nanos / NANOS_PER_HOUR),
    Math.floor((nanos % NANOS_PER_HOUR) / NANOS_PER_MINUTE),
    Math.floor((nanos % NANOS_PER_MINUTE) / NANOS_PER_SECOND),
    nanos % NANOS_PER_SECOND,
  ];
}

/** INVALID_PARAMETER_VALUE.TIME_UNIT of time_diff / time_trunc. */
export function invalidTimeUnit(functionName: string, unit: string): SluiceError {
  return new SluiceError("INVALID_PARAMETER_VALUE.TIME_UNIT",
    `The value of parameter(s) \`unit\` in \`${functionName}\` is invalid: expects one of the units 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND', but got ''${unit.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}''.`,
    { sqlState: "22023" });
}

/** Nanoseconds in a unit of time_diff / time_trunc (HOUR … MICROSECOND, any case). */
export function timeUnitNanos(functionName: string, unit: string): number {
  switch (unit.toUpperCase()) {
    case "HOUR": return NANOS_PER_HOUR;
    case "MINUTE": return NANOS_PER_MINUTE;
    case "SECOND": return NANOS_PER_SECOND;
    case "MILLISECOND": return NANOS_PER_MILLI;
    case "MICROSECOND": return NANOS_PER_MICRO;
    default: throw invalidTimeUnit(functionName, unit);
  }
}

/**
 * Spark 4.1 ships TIME behind spark.sql.timeType.enabled (on only in Spark's own tests): TIME
 * literals parse either way, but casts to TIME and the TIME functions refuse to run without it.
 */
export function timeTypeEnabled(conf: ((key: string) => string | undefined) | undefined): boolean {
  return (conf?.("spark.sql.timeType.enabled") ?? "false").trim().toLowerCase() === "true";
}

/** QueryCompilationErrors.unsupportedTimeTypeError. */
export function unsupportedTimeType(): SluiceError {
  return new SluiceError("UNSUPPORTED_TIME_TYPE", "The data type TIME is not supported.", { sqlState: "0A000" });
}

/** TimeExpression.checkInputDataTypes: throws UNSUPPORTED_TIME_TYPE unless TIME is enabled. */
export function requireTimeType(conf: ((key: string) => string | undefined) | undefined): void {
  if (!timeTypeEnabled(conf)) throw unsupportedTimeType();
}
