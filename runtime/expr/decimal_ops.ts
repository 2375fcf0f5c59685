// Fixed-point decimal arithmetic on the engine's representation: a bigint holding the unscaled
// value, the scale coming from the DecimalType. Mirrors java.math.BigDecimal where Spark uses it
// (rounding modes, toString/toPlainString, parsing) so results and messages match Spark's.

export type RoundingMode = "HALF_UP" | "HALF_EVEN" | "FLOOR" | "CEILING" | "DOWN" | "UP";

const POW10: bigint[] = [1n];
for (let i = 1; i <= 400; i++) POW10.push(POW10[i - 1]! * 10n);

export function pow10(n: number): bigint {
  return n <= 400 ? POW10[n]! : 10n ** BigInt(n);
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/** Divides `x` by 10^k (k >= 0) with the given rounding. */
export function shiftRight(x: bigint, k: number, mode: RoundingMode): bigint {
  if (k <= 0) return x * pow10(-k);
  const d = pow10(k);
  return divRound(x, d, mode);
}

/** x / d rounded with `mode` (d != 0). */
export function divRound(x: bigint, d: bigint, mode: RoundingMode): bigint {
  let q = x / d;
  const r = x % d;
  if (r === 0n) return q;
  const negative = (x < 0n) !== (d < 0n);
  const twice = abs(r) * 2n;
  const ad = abs(d);
  let away: boolean;
  switch (mode) {
    case "HALF_UP": away = twice >= ad; break;
    case "HALF_EVEN": away = twice > ad || (twice === ad && (q & 1n) !== 0n); break;
    case "FLOOR": away = negative; break;
    case "CEILING": away = !negative; break;
    case "DOWN": away = false; break;
    case "UP": away = true; break;
  }
  if (away) q += negative ? -1n : 1n;
  return q;
}

/** Changes the scale of an unscaled value, rounding when the scale shrinks. */
export function rescale(unscaled: bigint, fromScale: number, toScale: number, mode: RoundingMode = "HALF_UP"): bigint {
  if (toScale === fromScale) return unscaled;
  if (toScale > fromScale) return unscaled * pow10(toScale - fromScale);
  return shiftRight(unscaled, fromScale - toScale, mode);
}

/** Number of decimal digits of |x| (1 for zero), BigDecimal.precision(). */
export function digitCount(x: bigint): number {
  const a = abs(x);
  if (a < 10n) return 1;
  const s = a.toString();
  return s.length;
}

/** True when the unscaled value has at most `precision` digits. */
export function fitsPrecision(unscaled: bigint, precision: number): boolean {
  return abs(unscaled) < pow10(precision);
}

/**
 * Spark's Decimal.changePrecision / toPrecision: rescale with rounding, then check the precision.
 * Returns null on overflow.
 */
export function toPrecision(
  unscaled: bigint, fromScale: number, precision: number, scale: number, mode: RoundingMode = "HALF_UP",
): bigint | null {
  const v = rescale(unscaled, fromScale, scale, mode);
  return fitsPrecision(v, precision) ? v : null;
}

/** BigDecimal.toPlainString of unscaled * 10^-scale. */
export function toPlainString(unscaled: bigint, scale: number): string {
  if (scale <= 0) return (unscaled * pow10(-scale)).toString();
  const neg = unscaled < 0n;
  let digits = abs(unscaled).toString();
  if (digits.length <= scale) digits = "0".repeat(scale - digits.length + 1) + digits;
  const cut = digits.length - scale;
  return (neg ? "-" : "") + digits.slice(0, cut) + "." + digits.slice(cut);
}

/** BigDecimal.toString: plain unless the adjusted exponent is below -6 (or the scale is negative). */
export function toJavaString(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = abs(unscaled).toString();
  const adjusted = -scale + (digits.length - 1);
  if (scale >= 0 && adjusted >= -6) return toPlainString(unscaled, scale);
  let s = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
  if (adjusted !== 0) s += "E" + (adjusted > 0 ? "+" : "") + adjusted;
  return (neg ? "-" : "") + s;
}

/** BigDecimal.stripTrailingZeros().toPlainString(). */
export function toStrippedPlainString(unscaled: bigint, scale: number): string {
  let u = unscaled, s = scale;
  while (s > 0 && u % 10n === 0n) {
    u /= 10n;
    s--;
  }
  return toPlainString(u, s);
}

export interface ParsedDecimal {
  unscaled: bigint;
  scale: number;
}

const JAVA_BIG_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** new java.math.BigDecimal(text) (no trimming); null when the text is not a number. */
export function parseBigDecimal(text: string): ParsedDecimal | null {
  const m = JAVA_BIG_DECIMAL.exec(text);
  if (!m) return null;
  const intPart = m[2]!, frac = m[3] ?? "";
  if (intPart.length === 0 && frac.length === 0) return null;
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exp)) return null;
  let unscaled = BigInt(intPart + frac || "0");
  if (m[1] === "-") unscaled = -unscaled;
  return { unscaled, scale: frac.length - exp };
}

/** A parsed value with a negative scale brought to scale 0 (Spark never keeps negative scales). */
export function normalizeScale(d: ParsedDecimal): ParsedDecimal {
  return d.scale < 0 ? { unscaled: d.unscaled * pow10(-d.scale), scale: 0 } : d;
}

/** Spark's Decimal(double): the decimal written by Double.toString, i.e. the shortest repr. */
export function decimalFromDouble(d: number): ParsedDecimal {
  return normalizeScale(parseBigDecimal(shortestDigits(d))!);
}

/** The shortest decimal text that reads back as `d` (finite), without exponent formatting rules. */
function shortestDigits(d: number): string {
  return d.toExponential().replace("e+", "e");
}

/** unscaled * 10^-scale as a double (correctly rounded through the decimal string). */
export function decimalToDouble(unscaled: bigint, scale: number): number {
  if (scale === 0) return Number(unscaled);
  return Number(`${unscaled}e${-scale}`);
}

/** Integer part of a decimal (truncated toward zero). */
export function truncateToBigInt(unscaled: bigint, scale: number): bigint {
  return scale <= 0 ? unscaled * pow10(-scale) : unscaled / pow10(scale);
}

/** Compares two decimals with possibly different scales. */
export function compareDecimals(a: bigint, sa: number, b: bigint, sb: number): number {
  if (sa === sb) return a < b ? -1 : a > b ? 1 : 0;
  const s = Math.max(sa, sb);
  const x = rescale(a, sa, s), y = rescale(b, sb, s);
  return x < y ? -1 : x > y ? 1 : 0;
}
