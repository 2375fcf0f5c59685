// A canonical string for a tuple of values, for DISTINCT sets (NaN = NaN, -0.0 = 0.0).
export function distinctKey(vals: readonly unknown[]): string {
  return JSON.stringify(vals, (_k, v) =>
    typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? `b:${Array.from(v).join(",")}` : v instanceof Map ? [...v] : Object.is(v, -0) ? 0 : typeof v === "number" && !Number.isFinite(v) ? String(v) : v);
}
