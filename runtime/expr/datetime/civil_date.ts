// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), as java.time's
// LocalDate does it. Pure integer math (Howard Hinnant's algorithms), no Date objects.

export const MICROS_PER_MILLI = 1000;
export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
export const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
export const SECONDS_PER_DAY = 86_400;

export function isLeapYear(year: number): boolean {
  return (year & 3) === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** Day number of a civil date; no validation (callers check ranges first). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1-12) and day of a day number, written into `out` (reused to avoid allocation). */
export function civilFromDays(days: number, out: number[] = [0, 0, 0]): number[] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  out[0] = yoe + era * 400 + (m <= 2 ? 1 : 0);
  out[1] = m;
  out[2] = d;
  return out;
}

const scratch = [0, 0, 0];

export function yearOfDays(days: number): number {
  return civilFromDays(days, scratch)[0]!;
}

export function monthOfDays(days: number): number {
  return civilFromDays(days, scratch)[1]!;
}

export function dayOfMonthOfDays(days: number): number {
  return civilFromDays(days, scratch)[2]!;
}

/** 1-366. */
export function dayOfYearOfDays(days: number): number {
  const y = civilFromDays(days, scratch)[0]!;
  return days - daysFromCivil(y, 1, 1) + 1;
}

/** ISO day of week: Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function isoDayOfWeek(days: number): number {
  return (((days + 3) % 7) + 7) % 7 + 1;
}

/** ISO-8601 week of year (weeks start Monday; week 1 holds the year's first Thursday). */
export function isoWeekOfYear(days: number): number {
  const thursday = days - isoDayOfWeek(days) + 4;
  const y = yearOfDays(thursday);
  return Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1;
}

/** True when year/month/day name a real date. */
export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Exact floor division for integral numbers (a plain Math.floor(a / b) can be off by one near 2^53). */
export function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  const r = a - q * b;
  if (b > 0 ? r < 0 : r > 0) q--;
  else if (b > 0 ? r >= b : r <= b) q++;
  return q;
}

export function floorMod(a: number, b: number): number {
  const m = a % b;
  return m !== 0 && (m < 0) !== (b < 0) ? m + b : m;
}

/** Splits micros since the epoch (already shifted to local time) into day number and micros of day. */
export function splitMicros(localMicros: number): [days: number, microsOfDay: number] {
  const days = floorDiv(localMicros, MICROS_PER_DAY);
  return [days, localMicros - days * MICROS_PER_DAY];
}
