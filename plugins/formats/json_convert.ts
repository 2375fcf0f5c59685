// Text-to-value helpers the CSV reader shares with Spark's JSON conversions: decimals from their
// text (HALF_UP to the scale).

/** Decimal text rounded HALF_UP to `scale`; null when it needs more than `precision` digits. */
export function decimalFromText(text: string, precision: number, scale: number): bigint | null {
  const m = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim()) ?? /^([+-]?)()\.(\d+)(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (m === null) return null;
  const frac = m[3] ?? "";
  const digits = BigInt((m[2] || "0") + frac);
  const shift = Number(m[4] ?? 0) - frac.length + scale;
  let v: bigint;
  if (shift >= 0) v = digits * 10n ** BigInt(shift);
  else {
    const d = 10n ** BigInt(-shift);
    v = digits / d;
    if ((digits % d) * 2n >= d) v += 1n;
  }
  if (v.toString().length > precision) return null;
  return m[1] === "-" ? -v : v;
}
