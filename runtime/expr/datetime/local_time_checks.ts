// java.time's LocalTime.of / LocalDateTime.of range checks, with Java's messages (Spark puts them
// in DATETIME_FIELD_OUT_OF_BOUNDS errors). Dates: invalidDateMessage in datetime_pattern.ts.
import { SluiceError } from "../../errors.ts";
import { invalidDateMessage } from "./datetime_pattern.ts";

export { invalidDateMessage };

export function invalidTimeMessage(hour: number, minute: number, second: number, nanos = 0): string | null {
  if (hour < 0 || hour > 23) return `Invalid value for HourOfDay (valid values 0 - 23): ${hour}`;
  if (minute < 0 || minute > 59) return `Invalid value for MinuteOfHour (valid values 0 - 59): ${minute}`;
  if (second < 0 || second > 59) return `Invalid value for SecondOfMinute (valid values 0 - 59): ${second}`;
  if (nanos < 0 || nanos > 999_999_999) return `Invalid value for NanoOfSecond (valid values 0 - 999999999): ${nanos}`;
  return null;
}

/** QueryExecutionErrors.ansiDateTimeArgumentOutOfRange: a java.time range check failed. */
export function dateTimeFieldOutOfBounds(rangeMessage: string): SluiceError {
  return new SluiceError("DATETIME_FIELD_OUT_OF_BOUNDS.WITH_SUGGESTION",
    `${rangeMessage}. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`, { sqlState: "22023" });
}
