// Durations as Spark accepts them in withWatermark, window() and triggers: "10 seconds",
// "1 minute 30 seconds", "interval 5 minutes", "2 hours", "500 milliseconds", "1 day".
import { userError } from "../errors.ts";

const UNIT_MS: Record<string, number> = {
  microsecond: 0.001, millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000,
  // Spark counts a month as 31 days when it needs a fixed length (watermark delays).
  month: 31 * 86_400_000, year: 12 * 31 * 86_400_000,
};
const SHORT: Record<string, string> = {
  us: "microsecond", ms: "millisecond", s: "second", sec: "second", secs: "second", m: "minute", min: "minute", mins: "minute",
  h: "hour", hr: "hour", hrs: "hour", d: "day",
};

export interface ParsedDuration {
  /** Total length in microseconds, months counted as 31 days. */
  micros: number;
  months: number;
}

/** Parses a duration string into its parts; throws Spark's error for text that is not an interval. */
export function parseDuration(text: string, what: string): ParsedDuration {
  const s = text.trim().toLowerCase().replace(/^interval\s+/, "");
  const re = /([+-]?\d+(?:\.\d+)?)\s*([a-z]+)/g;
  let micros = 0, months = 0, consumed = "";
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const word = m[2]!;
    const unit = SHORT[word] ?? word.replace(/s$/, "");
    const ms = UNIT_MS[unit];
    if (ms === undefined) throw invalid(text, what);
    const n = Number(m[1]);
    if (unit === "month" || unit === "year") months += unit === "year" ? n * 12 : n;
    micros += Math.round(n * ms * 1000);
    consumed += m[0];
  }
  if (consumed.replace(/\s/g, "") !== s.replace(/\s/g, "") || s === "") throw invalid(text, what);
  return { micros, months };
}

export function parseDurationMs(text: string, what: string): number {
  return Math.floor(parseDuration(text, what).micros / 1000);
}

function invalid(text: string, what: string) {
  return userError("INVALID_INTERVAL_FORMAT.INVALID_UNIT",
    `Error parsing '${text}' to interval. Invalid unit. (${what})`,
    { sqlState: "22006", hint: `Write ${what} like "10 seconds", "5 minutes" or "1 hour".` });
}
