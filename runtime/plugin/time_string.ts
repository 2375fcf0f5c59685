// Spark's time strings for plugin options ("5s", "100ms", "7d"), parsed the way Spark's
// JavaUtils.timeStringAs does: an integer, optionally followed by a unit with no space between;
// a bare number is in the caller's unit; conversion to a coarser unit truncates toward zero.
import { userError } from "../errors.ts";

export type TimeUnit = "us" | "ms" | "s" | "m" | "h" | "d";

const MICROS_PER: Record<string, number> = {
  us: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  min: 60_000_000,
  h: 3_600_000_000,
  d: 86_400_000_000,
};

const TIME_STRING = /^(-?[0-9]+)([a-z]+)?$/;

/** Spark's explanation when a time string does not parse. */
export const TIME_STRING_HELP =
  "Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), hour (h), or day (d). E.g. 50s, 100ms, or 250us.";

/** True if `text` parses as a Spark time string. */
export function isTimeString(text: string): boolean {
  const m = TIME_STRING.exec(text.toLowerCase().trim());
  return m !== null && (m[2] === undefined || m[2] in MICROS_PER);
}

/** Parses `text` ("5s", "100ms", "10") into `unit`; a bare number is taken to be in `unit`. */
export function timeStringAs(text: string, unit: TimeUnit): number {
  const m = TIME_STRING.exec(text.toLowerCase().trim());
  if (!m) {
    throw userError("INVALID_TIME_STRING", `${TIME_STRING_HELP}\nFailed to parse time string: ${text}`);
  }
  const suffix = m[2];
  if (suffix !== undefined && !(suffix in MICROS_PER)) {
    throw userError("INVALID_TIME_STRING", `${TIME_STRING_HELP}\nInvalid suffix: "${suffix}"`);
  }
  const value = Number(m[1]);
  const from = MICROS_PER[suffix ?? unit]!;
  const to = MICROS_PER[unit]!;
  return Math.trunc((value * from) / to);
}

export const timeStringAsMs = (text: string) => timeStringAs(text, "ms");
export const timeStringAsSec = (text: string) => timeStringAs(text, "s");
