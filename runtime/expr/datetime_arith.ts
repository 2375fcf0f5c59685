// + and - with dates, timestamps and intervals (Spark's BinaryArithmeticWithDatetimeResolver):
// date + int days, date/timestamp ± intervals in the session time zone, timestamp - timestamp,
// date - date, and interval * / number. Each returns how to bind the call, or null when the
// operands are plain numbers or intervals of the same kind.
import { SluiceError } from "../errors.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import {
  BYTE, DATE, DayTimeIntervalType, DOUBLE, INT, SHORT, STRING, TIME, TIMESTAMP, TIMESTAMP_NTZ, TimeType, YearMonthIntervalType,
  type DataType,
} from "../types/data_type.ts";
import { NANOS_PER_DAY, NANOS_PER_MICRO, requireTimeType, truncateTimeToPrecision } from "./datetime/time_of_day.ts";
import {
  arithmeticOverflow, castInvalidInput, divideByZero, intervalArithmeticOverflow, intervalDividedByZero, javaArithmeticException,
  sqlValue, unexpectedInputType,
} from "./expr_errors.ts";
import { javaDoubleToString } from "./java_format.ts";
import { longFromBigInt, longFromIntegralDouble, longToBigInt, longToDouble, type Long } from "../types/long.ts";
import type { Bound, BindContext } from "./bound.ts";
import type { BoundCall } from "./function_def.ts";
import {
  dateAddMonths, dateToTimestamp, formatTimestamp, getTimeZone, parseTimestamp, subtractTimestamps,
  timestampAddDayTime, timestampAddInterval, timestampNTZAddInterval,
} from "./cast_datetime.ts";
import { MICROS_PER_DAY } from "./datetime/civil_date.ts";
import {
  ANY_TIMESTAMP, anyOf, castArgs, castBound, expectationSql, isAnsiIntervalType, isAnyTimestamp, isDatetimeType, isIntegralType,
  NUMERIC,
} from "./coercion.ts";
import { rescale } from "./decimal_ops.ts";

const SMALL_INTS = anyOf(INT, SHORT, BYTE);
const LONG_LIMIT = 9223372036854775807;

const call = (type: DataType, args: Bound[], impl: (...a: any[]) => unknown, nullable?: boolean): BoundCall => ({
  type, args, impl, nullable: nullable ?? args.some((a) => a.nullable),
});

const isDayOnly = (t: DataType) => t.kind === "daytime_interval" && t.startField === 0 && t.endField === 0;

/**
 * How Spark prints the expression its analyzer builds for the operator, from the operands as written
 * ([left, right]): `first`/`second` pick the operand that becomes the expression's first argument.
 */
type Printer = (args: readonly string[]) => string;
const FIRST = 0, SECOND = 1;
/** TimestampAddInterval, DateAddYMInterval, DateAddInterval …: `start + interval` without parentheses. */
const plus = (start: number): Printer => (a) => `${a[start]} + ${a[1 - start]}`;
/** DatetimeSub: `start - interval`. */
const minus: Printer = (a) => `${a[0]} - ${a[1]}`;
/** DateAdd(date, ExtractANSIIntervalDays(interval)), negated for subtraction. */
const dateAddIntervalDays = (date: number, negate = false): Printer => (a) => {
  const n = `extractansiintervaldays(${a[1 - date]})`;
  return `date_add(${a[date]}, ${negate ? `(- ${n})` : n})`;
};
/** DateAdd / DateSub of a day count. */
const dateAddCount = (fn: "date_add" | "date_sub", date: number): Printer => (a) => `${fn}(${a[date]}, ${a[1 - date]})`;
const printedAs = (b: BoundCall, printed: Printer): BoundCall => ({ ...b, printed });
const days = (micros: number) => Math.trunc(micros / MICROS_PER_DAY);

function checkedAdd(a: number, b: number): number {
  const r = a + b;
  if (r > LONG_LIMIT || r < -LONG_LIMIT) throw arithmeticOverflow("long overflow");
  return r;
}

/** DateAdd/DateSub: the day count must be INT, SMALLINT or TINYINT. */
function dateAddDays(date: Bound, n: Bound, ctx: BindContext, sign: 1 | -1, swapped = false): BoundCall {
  const fn = sign > 0 ? "date_add" : "date_sub";
  const [ds, ns] = swapped ? [ctx.argSql[1]!, ctx.argSql[0]!] : [ctx.argSql[0]!, ctx.argSql[1]!];
  const sub = { ...ctx, sql: `${fn}(${ds}, ${ns})`, argSql: [ds, ns] };
  let count = n;
  if (n.type.kind === "null") count = castBound(n, INT, ctx);
  else if (!(n.type.kind === "int" || n.type.kind === "short" || n.type.kind === "byte")) {
    throw unexpectedInputType(sub.sql, 1, expectationSql(SMALL_INTS), ns, n.type);
  }
  return call(DATE, [date, count], sign > 0 ? (d: number, k: number) => (d + k) | 0 : (d: number, k: number) => (d - k) | 0);
}

/** TimestampAddInterval(start, interval): start must be a timestamp (strings are cast). */
function timestampPlusInterval(start: Bound, interval: Bound, ctx: BindContext, sign: 1 | -1, startSql: string, intervalSql: string): BoundCall {
  const t = start.type;
  const sql = sign > 0 ? `${startSql} + ${intervalSql}` : `${startSql} - ${intervalSql}`;
  const zone = getTimeZone(ctx.timeZone);
  const it = interval.type;
  const add = (ts: number, iv: any, ntz: boolean): number => {
    if (it.kind === "calendar_interval") {
      const ci = iv as CalendarInterval;
      return ntz
        ? timestampNTZAddInterval(ts, sign * ci.months, sign * ci.days, sign * ci.micros)
        : timestampAddInterval(ts, sign * ci.months, sign * ci.days, sign * ci.micros, zone);
    }
    const m = sign * (iv as number);
    return ntz ? checkedAdd(ts, m) : timestampAddDayTime(ts, m, zone);
  };
  if (t.kind === "timestamp" || t.kind === "timestamp_ntz") {
    const ntz = t.kind === "timestamp_ntz";
    return call(t, [start, interval], (ts: number, iv: unknown) => add(ts, iv, ntz));
  }
  if (t.kind === "string") {
    // Cast(TimestampAddInterval(Cast(s AS TIMESTAMP), i), STRING)
    return call(STRING, [start, interval], (s: string, iv: unknown) => {
      const ts = parseTimestamp(s, zone);
      if (ts === null) {
        if (ctx.ansi) throw castInvalidInput(sqlValue(s, STRING), STRING, TIMESTAMP);
        return null;
      }
      return formatTimestamp(add(ts, iv, false), zone);
    }, true);
  }
  if (t.kind === "null") return call(TIMESTAMP, [castBound(start, TIMESTAMP, ctx), interval], (ts: number, iv: unknown) => add(ts, iv, false));
  throw unexpectedInputType(sql, 0, expectationSql(ANY_TIMESTAMP), startSql, t);
}

/** Spark's DatetimeType: dates, timestamps and (4.1) TIME. */
const isDatetimeOrTime = (t: DataType) => isDatetimeType(t) || t.kind === "time";

/**
 * TimeAddInterval(time, interval): the result keeps the finer of the time's precision and the
 * interval's (6 when it has seconds); leaving [00:00, 24:00) is DATETIME_OVERFLOW.
 */
function timeAddInterval(time: Bound, interval: Bound, sign: 1 | -1, swapped: boolean, ctx: BindContext): BoundCall {
  requireTimeType(ctx.conf);
  const tt = time.type as TimeType, it = interval.type as DayTimeIntervalType;
  const target = Math.max(tt.precision, it.endField < 3 ? 0 : 6);
  const add = (t: number, iv: number) => {
    const r = t + sign * iv * NANOS_PER_MICRO;
    if (r >= 0 && r < NANOS_PER_DAY) return truncateTimeToPrecision(r, target);
    throw new SluiceError("DATETIME_OVERFLOW",
      `Datetime operation overflow: add ${sqlValue(sign * iv, new DayTimeIntervalType(it.endField, it.endField))} to the time value ${sqlValue(t, tt)}.`,
      { sqlState: "22008" });
  };
  return swapped
    ? call(new TimeType(target), [interval, time], (iv: number, t: number) => add(t, iv))
    : call(new TimeType(target), [time, interval], add);
}

/** Binds date/timestamp/interval additions of `+` (sign 1); null for plain arithmetic. */
export function resolveDatetimeAdd(l: Bound, r: Bound, ctx: BindContext): BoundCall | null {
  const lt = l.type, rt = r.type;
  const [ls, rs] = [ctx.argSql[0] ?? "", ctx.argSql[1] ?? ""];
  const zone = () => getTimeZone(ctx.timeZone);
  if (lt.kind === "date" && isDayOnly(rt)) {
    return printedAs(call(DATE, [l, r], (d: number, m: number) => (d + days(m)) | 0), dateAddIntervalDays(FIRST));
  }
  if (lt.kind === "date" && rt.kind === "daytime_interval") {
    const z = zone();
    return printedAs(call(TIMESTAMP, [l, r], (d: number, m: number) => timestampAddDayTime(dateToTimestamp(d, z), m, z)), plus(FIRST));
  }
  if (isDayOnly(lt) && rt.kind === "date") {
    return printedAs(call(DATE, [l, r], (m: number, d: number) => (d + days(m)) | 0), dateAddIntervalDays(SECOND));
  }
  if (lt.kind === "daytime_interval" && rt.kind === "date") {
    const z = zone();
    return printedAs(call(TIMESTAMP, [l, r], (m: number, d: number) => timestampAddDayTime(dateToTimestamp(d, z), m, z)), plus(SECOND));
  }
  if (lt.kind === "date" && rt.kind === "yearmonth_interval") {
    return printedAs(call(DATE, [l, r], (d: number, m: number) => dateAddMonths(d, m)), plus(FIRST));
  }
  if (lt.kind === "yearmonth_interval" && rt.kind === "date") {
    return printedAs(call(DATE, [l, r], (m: number, d: number) => dateAddMonths(d, m)), plus(SECOND));
  }
  if (isAnyTimestamp(lt) && rt.kind === "yearmonth_interval") return printedAs(tsAddMonths(l, r, ctx, 1, false), plus(FIRST));
  if (lt.kind === "yearmonth_interval" && isAnyTimestamp(rt)) return printedAs(tsAddMonths(r, l, ctx, 1, true), plus(SECOND));
  if ((lt.kind === "calendar_interval" && rt.kind === "calendar_interval") ||
    (lt.kind === "daytime_interval" && rt.kind === "daytime_interval")) return null;
  if (lt.kind === "null" && isAnsiIntervalType(rt)) return null;
  if (isAnsiIntervalType(lt) && rt.kind === "null") return null;
  if (lt.kind === "date" && rt.kind === "calendar_interval") return printedAs(dateAddCalendar(l, r, ctx, 1), plus(FIRST));
  if (lt.kind === "time" && rt.kind === "daytime_interval") return printedAs(timeAddInterval(l, r, 1, false, ctx), plus(FIRST));
  // Spark 4.1: a NULL added to a date or timestamp is an INTERVAL DAY TO SECOND.
  if (isDatetimeOrTime(lt) && rt.kind === "null") return resolveDatetimeAdd(l, castBound(r, new DayTimeIntervalType(0, 3), ctx), ctx);
  if (lt.kind === "daytime_interval" && rt.kind === "time") return printedAs(timeAddInterval(r, l, 1, true, ctx), plus(SECOND));
  if (lt.kind === "null" && isDatetimeOrTime(rt)) return resolveDatetimeAdd(castBound(l, new DayTimeIntervalType(0, 3), ctx), r, ctx);
  if (rt.kind === "calendar_interval" || rt.kind === "daytime_interval") {
    return printedAs(timestampPlusInterval(l, r, ctx, 1, ls, rs), plus(FIRST));
  }
  if (lt.kind === "calendar_interval" && rt.kind === "date") {
    return printedAs({ ...dateAddCalendar(r, l, ctx, 1), args: [r, l] }, plus(SECOND));
  }
  if (lt.kind === "calendar_interval" || lt.kind === "daytime_interval") {
    const b = timestampPlusInterval(r, l, ctx, 1, rs, ls);
    return printedAs({ ...b, args: [b.args![1]!, b.args![0]!], impl: (iv: unknown, ts: unknown) => b.impl(ts, iv) }, plus(SECOND));
  }
  if (lt.kind === "date" && rt.kind !== "string") return printedAs(dateAddDays(l, r, ctx, 1), dateAddCount("date_add", FIRST));
  if (rt.kind === "date" && lt.kind !== "string") {
    const b = dateAddDays(r, l, ctx, 1, true);
    return printedAs({ ...b, args: [b.args![1]!, b.args![0]!], impl: (n: number, d: number) => b.impl(d, n) }, dateAddCount("date_add", SECOND));
  }
  return null;
}

function tsAddMonths(ts: Bound, iv: Bound, ctx: BindContext, sign: 1 | -1, swapped: boolean): BoundCall {
  const ntz = ts.type.kind === "timestamp_ntz";
  const z = getTimeZone(ctx.timeZone);
  const f = ntz
    ? (t: number, m: number) => timestampNTZAddInterval(t, sign * m, 0, 0)
    : (t: number, m: number) => timestampAddInterval(t, sign * m, 0, 0, z);
  return swapped ? call(ts.type, [iv, ts], (m: number, t: number) => f(t, m)) : call(ts.type, [ts, iv], f);
}

function dateAddCalendar(d: Bound, iv: Bound, ctx: BindContext, sign: 1 | -1): BoundCall {
  return call(DATE, [d, iv], (day: number, ci: CalendarInterval) => {
    if (ci.micros !== 0) {
      if (ctx.ansi) {
        throw new SluiceError("INVALID_INTERVAL_WITH_MICROSECONDS_ADDITION",
          "Cannot add an interval to a date because its microseconds part is not 0. To resolve this, cast the input date to a timestamp, which supports the addition of intervals with non-zero microseconds.",
          { sqlState: "22006" });
      }
      return null;
    }
    return dateAddMonths(day, sign * ci.months) + sign * ci.days;
  }, true);
}

/** Binds date/timestamp/interval subtractions of `-`; null for plain arithmetic. */
export function resolveDatetimeSubtract(l: Bound, r: Bound, ctx: BindContext): BoundCall | null {
  const lt = l.type, rt = r.type;
  const [ls, rs] = [ctx.argSql[0] ?? "", ctx.argSql[1] ?? ""];
  const zone = () => getTimeZone(ctx.timeZone);
  if (lt.kind === "date" && isDayOnly(rt)) {
    return printedAs(call(DATE, [l, r], (d: number, m: number) => (d - days(m)) | 0), dateAddIntervalDays(FIRST, true));
  }
  if (lt.kind === "date" && rt.kind === "daytime_interval") {
    const z = zone();
    return printedAs(call(TIMESTAMP, [l, r], (d: number, m: number) => timestampAddDayTime(dateToTimestamp(d, z), -m, z)), minus);
  }
  if (lt.kind === "date" && rt.kind === "yearmonth_interval") {
    return printedAs(call(DATE, [l, r], (d: number, m: number) => dateAddMonths(d, -m)), minus);
  }
  if (isAnyTimestamp(lt) && rt.kind === "yearmonth_interval") return printedAs(tsAddMonths(l, r, ctx, -1, false), minus);
  if ((lt.kind === "calendar_interval" && rt.kind === "calendar_interval") ||
    (lt.kind === "daytime_interval" && rt.kind === "daytime_interval")) return null;
  if (lt.kind === "null" && isAnsiIntervalType(rt)) return null;
  if (isAnsiIntervalType(lt) && rt.kind === "null") return null;
  // A NULL subtracted from (or from which is subtracted) a date or timestamp takes its type.
  if (lt.kind === "null" && isDatetimeOrTime(rt)) return resolveDatetimeSubtract(castBound(l, rt, ctx), r, ctx);
  if (isDatetimeOrTime(lt) && rt.kind === "null") return resolveDatetimeSubtract(l, castBound(r, lt, ctx), ctx);
  if (lt.kind === "date" && rt.kind === "calendar_interval") return printedAs(dateAddCalendar(l, r, ctx, -1), minus);
  if (lt.kind === "time" && rt.kind === "daytime_interval") return printedAs(timeAddInterval(l, r, -1, false, ctx), minus);
  if (rt.kind === "calendar_interval" || rt.kind === "daytime_interval") return printedAs(timestampPlusInterval(l, r, ctx, -1, ls, rs), minus);
  if (isAnyTimestamp(lt) || isAnyTimestamp(rt)) return subtractTimestampsCall(l, r, ctx);
  if (rt.kind === "date") {
    const [a, b] = castArgs([l, r], [DATE, DATE], ctx);
    return call(new DayTimeIntervalType(0, 0), [a!, b!], (x: number, y: number) => (x - y) * MICROS_PER_DAY);
  }
  if (lt.kind === "date" && rt.kind !== "string") return printedAs(dateAddDays(l, r, ctx, -1), dateAddCount("date_sub", FIRST));
  // SubtractTimes: INTERVAL HOUR TO SECOND in microseconds (a string side is read as a TIME).
  if (lt.kind === "time" || rt.kind === "time") {
    const a = lt.kind === "string" ? castBound(l, TIME, ctx) : l, b = rt.kind === "string" ? castBound(r, TIME, ctx) : r;
    if (a.type.kind === "time" && b.type.kind === "time") {
      requireTimeType(ctx.conf);
      return printedAs(call(new DayTimeIntervalType(1, 3), [a, b], (x: number, y: number) => Math.trunc((x - y) / NANOS_PER_MICRO)), minus);
    }
  }
  return null;
}

/** SubtractTimestamps: both sides become the same timestamp type; the result is INTERVAL DAY TO SECOND. */
function subtractTimestampsCall(l: Bound, r: Bound, ctx: BindContext): BoundCall {
  let a = l, b = r;
  if (a.type.kind === "date" && isAnyTimestamp(b.type)) a = castBound(a, b.type, ctx);
  else if (b.type.kind === "date" && isAnyTimestamp(a.type)) b = castBound(b, a.type, ctx);
  else if (isAnyTimestamp(a.type) && isAnyTimestamp(b.type) && a.type.kind !== b.type.kind) {
    a = castBound(a, TIMESTAMP_NTZ, ctx);
    b = castBound(b, TIMESTAMP_NTZ, ctx);
  }
  [a, b] = castArgs([a, b], [ANY_TIMESTAMP, ANY_TIMESTAMP], ctx) as [Bound, Bound];
  const result = new DayTimeIntervalType(0, 3);
  if (a.type.kind === "timestamp") {
    const z = getTimeZone(ctx.timeZone);
    return call(result, [a, b], (x: number, y: number) => subtractTimestamps(x, y, z));
  }
  return call(result, [a, b], (x: number, y: number) => x - y);
}

// ---------- interval * number, interval / number ----------

const INT_MIN_N = -2147483648n, INT_MAX_N = 2147483647n, LONG_MIN_N = -9223372036854775808n, LONG_MAX_N = 9223372036854775807n;

/** Guava's DoubleMath.roundToInt / roundToLong(x, HALF_UP), with Guava's ArithmeticException messages. */
function roundDouble(x: number, months: boolean): Long {
  if (!Number.isFinite(x)) throw javaArithmeticException("input is infinite or NaN");
  // HALF_UP: a tie goes away from zero, anything else to the nearest integer.
  const z = Math.abs(x % 1) === 0.5 ? x + Math.sign(x) * 0.5 : Math.round(x);
  const inRange = months ? z > -2147483649 && z < 2147483648 : -9223372036854775808 - z < 1 && z < 9223372036854775808;
  if (!inRange) throw javaArithmeticException(`rounded value is out of range for input ${javaDoubleToString(x)} and rounding mode HALF_UP`);
  return months ? (z === 0 ? 0 : z) : longFromIntegralDouble(z);
}

/** BigDecimal.setScale(0, HALF_UP) of q / 10^scale, then intValueExact / longValueExact ("Overflow"). */
function decimalToExact(q: bigint, scale: number, months: boolean): Long {
  const p = 10n ** BigInt(scale);
  let r = q / p;
  const rem = q % p;
  if ((rem < 0n ? -rem : rem) * 2n >= p && rem !== 0n) r += q < 0n ? -1n : 1n;
  if (months ? r < INT_MIN_N || r > INT_MAX_N : r < LONG_MIN_N || r > LONG_MAX_N) throw javaArithmeticException("Overflow");
  return longFromBigInt(r);
}

/** MultiplyYMInterval / MultiplyDTInterval: Math.multiplyExact for integers, HALF_UP otherwise; Java's exceptions. */
function numberTimes(kind: DataType, months: boolean): (iv: Long, n: any) => Long {
  if (isIntegralType(kind)) {
    const longNum = kind.kind === "long";
    return (iv, n: Long) => {
      const r = BigInt(iv) * longToBigInt(n);
      if (months) {
        if (longNum && (r < LONG_MIN_N || r > LONG_MAX_N)) throw javaArithmeticException("long overflow");
        if (r < INT_MIN_N || r > INT_MAX_N) throw javaArithmeticException("integer overflow");
      } else if (r < LONG_MIN_N || r > LONG_MAX_N) {
        throw javaArithmeticException("long overflow");
      }
      return longFromBigInt(r);
    };
  }
  if (kind.kind === "decimal") {
    const scale = kind.scale;
    return (iv, n: bigint) => decimalToExact(BigInt(iv) * n, scale, months);
  }
  return (iv, n: number) => roundDouble(longToDouble(iv) * n, months);
}

/** DivideYMInterval / DivideDTInterval: MIN / -1 and division by zero first, then HALF_UP division. */
function numberDivide(kind: DataType, months: boolean): (iv: Long, n: any) => Long {
  const min = months ? -2147483648n : LONG_MIN_N;
  if (isIntegralType(kind)) {
    return (iv, n: Long) => {
      const d = longToBigInt(n);
      const num = BigInt(iv);
      if (num === min && d === -1n) throw intervalArithmeticOverflow("try_divide");
      if (d === 0n) throw intervalDividedByZero();
      // IntMath / LongMath.divide(HALF_UP)
      let q = num / d;
      const rem = num % d;
      if (rem !== 0n && (rem < 0n ? -rem : rem) * 2n >= (d < 0n ? -d : d)) q += (num < 0n) !== (d < 0n) ? -1n : 1n;
      return longFromBigInt(q);
    };
  }
  if (kind.kind === "decimal") {
    const scale = kind.scale;
    return (iv, n: bigint) => {
      if (n === 0n) throw intervalDividedByZero();
      // Decimal./ : BigDecimal.divide(that, 39, DOWN), then setScale(0, HALF_UP).
      const q39 = (BigInt(iv) * 10n ** BigInt(39 + scale)) / n;
      return decimalToExact(q39, 39, months);
    };
  }
  return (iv, n: number) => {
    if (n === 0) throw intervalDividedByZero();
    return roundDouble(longToDouble(iv) / n, months);
  };
}

/** interval * number or number * interval; null when neither side is an interval. */
export function resolveIntervalMultiply(l: Bound, r: Bound, ctx: BindContext): BoundCall | null {
  const lt = l.type, rt = r.type;
  let iv: Bound, n: Bound, ivFirst: boolean;
  if (lt.kind === "calendar_interval" || lt.kind === "yearmonth_interval" || lt.kind === "daytime_interval") {
    [iv, n, ivFirst] = [l, r, true];
  } else if (rt.kind === "calendar_interval" || rt.kind === "yearmonth_interval" || rt.kind === "daytime_interval") {
    [iv, n, ivFirst] = [r, l, false];
  } else {
    return null;
  }
  const sub = { ...ctx, argSql: ivFirst ? ctx.argSql : [ctx.argSql[1]!, ctx.argSql[0]!] };
  const [iv2, n2] = castArgs([iv, n], [iv.type, iv.type.kind === "calendar_interval" ? DOUBLE : NUMERIC], sub) as [Bound, Bound];
  let type: DataType, f: (a: any, b: any) => unknown;
  if (iv.type.kind === "calendar_interval") {
    type = iv.type;
    f = (ci: CalendarInterval, x: number) => calendarFromDoubles(ci.months * x, ci.days * x, ci.micros * x);
  } else {
    const months = iv.type.kind === "yearmonth_interval";
    type = months ? new YearMonthIntervalType(0, 1) : new DayTimeIntervalType(0, 3);
    f = numberTimes(n2.type, months);
  }
  // MultiplyInterval / MultiplyYMInterval / MultiplyDTInterval take the interval first.
  const ivAt = ivFirst ? FIRST : SECOND;
  const printed: Printer = iv.type.kind === "calendar_interval"
    ? (a) => `multiply_interval(${a[ivAt]}, ${a[1 - ivAt]})`
    : (a) => `(${a[ivAt]} * ${a[1 - ivAt]})`;
  const b = ivFirst ? call(type, [iv2, n2], f) : call(type, [n2, iv2], (a: unknown, b: unknown) => f(b, a));
  return printedAs(iv.type.kind === "daytime_interval" ? { ...b, exactMicros: true } : b, printed);
}

/** interval / number; null when the left side is not an interval. */
export function resolveIntervalDivide(l: Bound, r: Bound, ctx: BindContext): BoundCall | null {
  const lt = l.type;
  if (lt.kind !== "calendar_interval" && lt.kind !== "yearmonth_interval" && lt.kind !== "daytime_interval") return null;
  const [iv, n] = castArgs([l, r], [lt, lt.kind === "calendar_interval" ? DOUBLE : NUMERIC], ctx) as [Bound, Bound];
  if (lt.kind === "calendar_interval") {
    const b = call(lt, [iv, n], (ci: CalendarInterval, x: number) => {
      if (x === 0) {
        if (ctx.ansi) throw divideByZero();
        return null;
      }
      return calendarFromDoubles(ci.months / x, ci.days / x, ci.micros / x);
    }, true);
    return printedAs(b, (a) => `divide_interval(${a[0]}, ${a[1]})`);
  }
  const months = lt.kind === "yearmonth_interval";
  const type = months ? new YearMonthIntervalType(0, 1) : new DayTimeIntervalType(0, 3);
  return { ...call(type, [iv, n], numberDivide(n.type, months)), exactMicros: !months };
}

/** IntervalUtils.fromDoubles: whole months and days, the fractions carried into microseconds. */
function calendarFromDoubles(months: number, days: number, micros: number): CalendarInterval {
  const m = Math.trunc(months), d = Math.trunc(days);
  if (Math.abs(m) > 2147483647 || Math.abs(d) > 2147483647) throw arithmeticOverflow("integer overflow");
  const us = micros + MICROS_PER_DAY * (days - d);
  return new CalendarInterval(m, d, Math.round(us));
}
