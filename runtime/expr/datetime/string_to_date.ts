// Spark's lenient string -> date conversion (SparkDateTimeUtils.stringToDate), used by
// CAST('…' AS DATE) and to_date(str): `[+-]yyyy*`, `[+-]yyyy*-[m]m`, `[+-]yyyy*-[m]m-[d]d`,
// optionally followed by ' ' or 'T' and anything at all.
import { daysFromCivil, isValidDate } from "./civil_date.ts";
import { isTrimmable } from "./string_to_timestamp.ts";

/** Days since the epoch, or null when `s` is not a date. */
export function stringToDate(s: string): number | null {
  let j = 0;
  let end = s.length;
  while (j < end && isTrimmable(s.charCodeAt(j))) j++;
  while (end > j + 1 && isTrimmable(s.charCodeAt(end - 1))) end--;
  if (j === end) return null;
  const segments = [1, 1, 1];
  let sign = 1;
  let i = 0;
  let value = 0;
  let digits = 0;
  const c0 = s.charCodeAt(j);
  if (c0 === 45 || c0 === 43) {
    sign = c0 === 45 ? -1 : 1;
    j++;
  }
  const validDigits = (seg: number, n: number) => (seg === 0 ? n >= 4 && n <= 7 : n > 0 && n <= 2);
  while (j < end && i < 3) {
    const b = s.charCodeAt(j);
    if (b === 32 || b === 84) break;
    if (i < 2 && b === 45) {
      if (!validDigits(i, digits)) return null;
      segments[i] = value;
      value = 0;
      digits = 0;
      i++;
    } else {
      const d = b - 48;
      if (d < 0 || d > 9) return null;
      value = value * 10 + d;
      digits++;
    }
    j++;
  }
  if (!validDigits(i, digits)) return null;
  // For the `yyyy` and `yyyy-[m]m` forms the whole input must be consumed.
  if (i < 2 && j < end) return null;
  segments[i] = value;
  const y = sign * segments[0]!;
  if (!isValidDate(y, segments[1]!, segments[2]!)) return null;
  return daysFromCivil(y, segments[1]!, segments[2]!);
}
