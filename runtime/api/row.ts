// What collect(), first() and take() hand to user code: plain objects keyed by column name, with
// values in everyday JavaScript form. The engine's internal form (types/data_type.ts) is
// available through collectRaw() for code that needs exactness (microseconds, decimals).
//
//   timestamp -> Date (millisecond precision)   date -> Date at UTC midnight
//   decimal   -> string ("12.50", exact)        long -> number, or bigint beyond ±(2^53 - 1)
//   struct    -> nested Row                     map  -> Map      binary -> Uint8Array
//   time      -> its text ("09:30:00.5")
import type { DataType, StructType } from "../types/data_type.ts";
import { formatTime } from "../expr/datetime/time_of_day.ts";

export type Row = Record<string, unknown>;

export function toPublicRow(schema: StructType, values: readonly unknown[]): Row {
  const out: Row = {};
  schema.fields.forEach((f, i) => (out[f.name] = toPublicValue(f.dataType, values[i] ?? null)));
  return out;
}

export function toPublicValue(t: DataType, v: unknown): unknown {
  if (v === null) return null;
  switch (t.kind) {
    case "timestamp":
    case "timestamp_ntz":
      return new Date(Math.floor((v as number) / 1000));
    case "date":
      return new Date((v as number) * 86_400_000);
    case "time":
      return formatTime(v as number);
    case "decimal":
      return formatDecimal(v as bigint, t.scale);
    case "array":
      return (v as unknown[]).map((x) => toPublicValue(t.elementType, x));
    case "map":
      return new Map(Array.from(v as Map<unknown, unknown>, ([k, x]) => [toPublicValue(t.keyType, k), toPublicValue(t.valueType, x)]));
    case "struct":
      return toPublicRow(t, v as unknown[]);
    default:
      return v;
  }
}

/** An unscaled bigint with `scale` digits after the point, as Spark prints decimals. */
export function formatDecimal(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  let digits = (neg ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, "0");
    digits = digits.slice(0, -scale) + "." + digits.slice(-scale);
  }
  return (neg ? "-" : "") + digits;
}
