// Spark's HiveResult.toHiveString over Sluice's values: how SQLQueryTestSuite prints each result
// cell. Top-level NULL and strings as is; nested null as `null`, nested strings quoted; arrays
// `[a,b]`, maps `{k:v}` with entries sorted, structs `{"f":v}`; intervals in Hive style (`1-2`,
// `1 02:03:04.000000000`); timestamps in the session zone with the fraction trimmed; binary as
// UTF-8 text (spark.sql.binaryOutputStyle unset).
import { formatTime } from "../../runtime/expr/datetime/time_of_day.ts";
import { binaryToString } from "../../runtime/expr/cast.ts";
import { formatDate, formatLocalMicros, formatTimestamp, calendarIntervalToString } from "../../runtime/expr/cast_datetime.ts";
import { toPlainString } from "../../runtime/expr/decimal_ops.ts";
import { javaDoubleToString, javaFloatToString } from "../../runtime/expr/java_format.ts";
import { getTimeZone } from "../../runtime/expr/datetime/time_zone.ts";
import type { DataType } from "../../runtime/types/data_type.ts";

const MICROS_PER_SECOND = 1_000_000n;
const MICROS_PER_MINUTE = 60n * MICROS_PER_SECOND;

export function hiveFormatter(type: DataType, timeZone: string): (v: unknown) => string {
  const f = formatter(type, false, timeZone);
  return (v) => (v === null || v === undefined ? "NULL" : f(v));
}

function formatter(type: DataType, nested: boolean, timeZone: string): (v: any) => string {
  const child = (t: DataType) => {
    const f = formatter(t, true, timeZone);
    return (v: unknown) => (v === null || v === undefined ? "null" : f(v));
  };
  switch (type.kind) {
    case "boolean":
      return (v: boolean) => String(v);
    case "byte":
    case "short":
    case "int":
    case "long":
      return (v: number | bigint) => String(v);
    case "float":
      return javaFloatToString;
    case "double":
      return javaDoubleToString;
    case "decimal": {
      const scale = type.scale;
      return (v: bigint) => toPlainString(v, scale);
    }
    case "string":
      return nested ? (v: string) => `"${v}"` : (v: string) => v;
    case "binary":
      return binaryToString;
    case "date":
      return formatDate;
    case "timestamp": {
      const zone = getTimeZone(timeZone);
      return (v: number) => formatTimestamp(v, zone);
    }
    case "timestamp_ntz":
      return formatLocalMicros;
    case "time":
      return formatTime;
    case "calendar_interval":
      return calendarIntervalToString;
    case "yearmonth_interval": {
      // IntervalUtils.periodToMonths(period, endField): a YEAR interval drops its months.
      const year = type.endField === 0;
      return (v: number) => {
        const months = year ? v - (v % 12) : v;
        const abs = Math.abs(months);
        return `${months < 0 ? "-" : ""}${Math.floor(abs / 12)}-${abs % 12}`;
      };
    }
    case "daytime_interval": {
      // IntervalUtils.durationToMicros(duration, endField): truncated to the end field.
      const unit = [86_400_000_000n, 3_600_000_000n, 60_000_000n, 1n][type.endField]!;
      return (v: number | bigint) => {
        const micros = BigInt(v);
        return dayTimeHiveString(micros - (micros % unit));
      };
    }
    case "null":
      return () => "NULL";
    case "array": {
      const el = child(type.elementType);
      return (v: unknown[]) => `[${v.map(el).join(",")}]`;
    }
    case "map": {
      const k = child(type.keyType), val = child(type.valueType);
      return (m: Map<unknown, unknown>) => {
        const entries = [...m].map(([a, b]) => `${k(a)}:${val(b)}`).sort();
        return `{${entries.join(",")}}`;
      };
    }
    case "struct": {
      const fs = type.fields.map((f) => child(f.dataType));
      const names = type.fields.map((f) => f.name);
      return (row: unknown[]) => `{${fs.map((f, i) => `"${names[i]}":${f(row[i])}`).join(",")}}`;
    }
  }
}

/** IntervalUtils.toDayTimeIntervalString in HIVE_STYLE: `[-]D HH:mm:ss.nnnnnnnnn`. */
function dayTimeHiveString(micros: bigint): string {
  if (micros === -(1n << 63n)) return "-106751991 04:00:54.775808000";
  const sign = micros < 0n ? "-" : "";
  let rest = micros < 0n ? -micros : micros;
  const secondsWithFraction = rest % MICROS_PER_MINUTE;
  rest /= MICROS_PER_MINUTE;
  const minutes = rest % 60n;
  rest /= 60n;
  const hours = rest % 24n;
  const days = rest / 24n;
  const seconds = secondsWithFraction / MICROS_PER_SECOND;
  const nanos = (secondsWithFraction % MICROS_PER_SECOND) * 1000n;
  const p2 = (n: bigint) => String(n).padStart(2, "0");
  return `${sign}${days} ${p2(hours)}:${p2(minutes)}:${p2(seconds)}.${String(nanos).padStart(9, "0")}`;
}
