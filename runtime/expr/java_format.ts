// Java's Double.toString / Float.toString as the JDK 17 that PySpark runs on computes them
// (jdk.internal.math.FloatingDecimal's dtoa, ported step by step): Spark uses them for
// CAST(x AS STRING) and in messages. They are not always the shortest digits: integral values print
// every digit (Float.toString(1.23456792E8f)), and subnormals keep an extra one ("4.9E-324").

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const f32 = new Float32Array(1);
const u32f = new Uint32Array(f32.buffer);

/** Number of significant decimal digits in 2^p that cannot be trusted (FloatingDecimal's table). */
const INSIGNIFICANT_DIGITS = [
  0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9,
  10, 10, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 17, 17, 17,
  18, 18, 18, 19,
];
/** Approximately ceil(log2(5^i)). */
const N_5_BITS = [0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42, 45, 47, 49, 52, 54, 56, 59, 61];

function insignificantDigitsForPow2(p2: number): number {
  return p2 > 1 && p2 < INSIGNIFICANT_DIGITS.length ? INSIGNIFICANT_DIGITS[p2]! : 0;
}

/** FloatingDecimal.estimateDecExp: floor of an estimate of log10 of the value. */
function estimateDecExp(fractBits: bigint, binExp: number): number {
  // d2 = 1.fraction (the hidden bit at position 52 replaced by the exponent of 1.0)
  const mant = fractBits & 0xfffffffffffffn;
  u32[1] = 0x3ff00000 | Number(mant >> 32n);
  u32[0] = Number(mant & 0xffffffffn);
  const d2 = f64[0]!;
  const d = (d2 - 1.5) * 0.289529654 + 0.176091259 + binExp * 0.301029995663981;
  return Math.floor(d);
}

interface Digits {
  digits: string;
  /** Decimal exponent such that value = 0.digits × 10^decExponent. */
  decExponent: number;
}

/** developLongDigits: the digits of an integer, dropping `insignificant` low digits with rounding. */
function developLongDigits(lvalue: bigint, insignificant: number): Digits {
  let decExponent = 0;
  if (insignificant !== 0) {
    const p = 10n ** BigInt(insignificant);
    const residue = lvalue % p;
    lvalue /= p;
    decExponent += insignificant;
    if (residue >= p >> 1n) lvalue++;
  }
  let s = lvalue.toString();
  let end = s.length;
  while (end > 1 && s.charCodeAt(end - 1) === 48) end--;
  decExponent += s.length;
  s = s.slice(0, end);
  return { digits: s, decExponent };
}

/** FloatingDecimal.BinaryToASCIIBuffer.dtoa with isCompatibleFormat = true. */
function dtoa(binExp: number, fractBits: bigint, nSignificantBits: number): Digits {
  let tailZeros = 0;
  while (((fractBits >> BigInt(tailZeros)) & 1n) === 0n) tailZeros++;
  const nFractBits = 53 - tailZeros;
  const nTinyBits = Math.max(0, nFractBits - binExp - 1);
  if (binExp <= 62 && binExp >= -21) {
    if (nTinyBits < 27 && nFractBits + N_5_BITS[nTinyBits]! < 64 && nTinyBits === 0) {
      const insignificant = binExp > nSignificantBits ? insignificantDigitsForPow2(binExp - nSignificantBits - 1) : 0;
      const lvalue = binExp >= 52 ? fractBits << BigInt(binExp - 52) : fractBits >> BigInt(52 - binExp);
      return developLongDigits(lvalue, insignificant);
    }
  }
  let decExp = estimateDecExp(fractBits, binExp);
  const B5 = Math.max(0, -decExp);
  let B2 = B5 + nTinyBits + binExp;
  const S5 = Math.max(0, decExp);
  let S2 = S5 + nTinyBits;
  const M5 = B5;
  let M2 = B2 - nSignificantBits;
  const bits = fractBits >> BigInt(tailZeros);
  B2 -= nFractBits - 1;
  const common2 = Math.min(B2, S2);
  B2 -= common2;
  S2 -= common2;
  M2 -= common2;
  if (nFractBits === 1) M2 -= 1;
  if (M2 < 0) {
    B2 -= M2;
    S2 -= M2;
    M2 = 0;
  }
  const Bbits = nFractBits + B2 + (B5 < N_5_BITS.length ? N_5_BITS[B5]! : B5 * 3);
  const tenSbits = S2 + 1 + (S5 + 1 < N_5_BITS.length ? N_5_BITS[S5 + 1]! : (S5 + 1) * 3);
  // The int/long paths stop on b + m > 10s; the big-integer path on b + m >= 10s.
  const strictHigh = Bbits < 64 && tenSbits < 64;
  let b = bits * 5n ** BigInt(B5) << BigInt(B2);
  const s = 5n ** BigInt(S5) << BigInt(S2);
  let m = 5n ** BigInt(M5) << BigInt(M2);
  const tens = s * 10n;
  const isHigh = () => (strictHigh ? b + m > tens : b + m >= tens);
  const out: number[] = [];
  let q = Number(b / s);
  b = 10n * (b % s);
  m *= 10n;
  let low = b < m;
  let high = isHigh();
  if (q === 0 && !high) decExp--;
  else out.push(q);
  if (decExp < -3 || decExp >= 8) high = low = false;
  while (!low && !high) {
    q = Number(b / s);
    b = 10n * (b % s);
    m *= 10n;
    low = b < m;
    high = isHigh();
    out.push(q);
  }
  const lowDigitDifference = (b << 1n) - tens;
  let decExponent = decExp + 1;
  if (high) {
    let roundUp = true;
    if (low) {
      if (lowDigitDifference === 0n) roundUp = (out[out.length - 1]! & 1) !== 0;
      else roundUp = lowDigitDifference > 0n;
    }
    if (roundUp) {
      let i = out.length - 1;
      while (i > 0 && out[i] === 9) {
        out[i] = 0;
        i--;
      }
      if (out[i] === 9) {
        decExponent += 1;
        out[0] = 1;
      } else {
        out[i]!++;
      }
    }
  }
  return { digits: out.join(""), decExponent };
}

/** FloatingDecimal.getChars: plain for 10^-3 <= |v| < 10^7, else d.dddE±n; always a fractional digit. */
function layout(neg: boolean, { digits, decExponent }: Digits): string {
  let r = neg ? "-" : "";
  const n = digits.length;
  if (decExponent > 0 && decExponent < 8) {
    const len = Math.min(n, decExponent);
    r += digits.slice(0, len);
    if (len < decExponent) r += "0".repeat(decExponent - len) + ".0";
    else r += "." + (len < n ? digits.slice(len) : "0");
  } else if (decExponent <= 0 && decExponent > -3) {
    r += "0." + "0".repeat(-decExponent) + digits;
  } else {
    r += digits[0] + "." + (n > 1 ? digits.slice(1) : "0") + "E";
    r += decExponent <= 0 ? "-" + (-decExponent + 1) : String(decExponent - 1);
  }
  return r;
}

function special(x: number): string | null {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  return null;
}

// Exact dtoa works on bigints (a few microseconds); streams repeat values, so keep recent results.
const CACHE_LIMIT = 8192;
const doubleCache = new Map<number, string>();

/** Double.toString (JDK 17). */
export function javaDoubleToString(x: number): string {
  const sp = special(x);
  if (sp !== null) return sp;
  let s = doubleCache.get(x);
  if (s === undefined) {
    s = doubleToString(x);
    if (doubleCache.size >= CACHE_LIMIT) doubleCache.clear();
    doubleCache.set(x, s);
  }
  return s;
}

function doubleToString(x: number): string {
  f64[0] = x;
  const hi = u32[1]!, lo = u32[0]!;
  const neg = (hi & 0x80000000) !== 0;
  let binExp = (hi >>> 20) & 0x7ff;
  let fract = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let nSig: number;
  if (binExp === 0) {
    const leadingZeros = 64 - fract.toString(2).length;
    const shift = leadingZeros - 11;
    fract <<= BigInt(shift);
    binExp = 1 - shift;
    nSig = 64 - leadingZeros;
  } else {
    fract |= 1n << 52n;
    nSig = 53;
  }
  return layout(neg, dtoa(binExp - 1023, fract, nSig));
}

/** Float.toString (JDK 17) for a value already rounded to float precision. */
export function javaFloatToString(x: number): string {
  const sp = special(x);
  if (sp !== null) return sp;
  f32[0] = x;
  const bitsF = u32f[0]!;
  const neg = (bitsF & 0x80000000) !== 0;
  let binExp = (bitsF >>> 23) & 0xff;
  let fract = bitsF & 0x7fffff;
  let nSig: number;
  if (binExp === 0) {
    const leadingZeros = Math.clz32(fract);
    const shift = leadingZeros - 8;
    fract <<= shift;
    binExp = 1 - shift;
    nSig = 32 - leadingZeros;
  } else {
    fract |= 0x800000;
    nSig = 24;
  }
  return layout(neg, dtoa(binExp - 127, BigInt(fract) << 29n, nSig));
}
