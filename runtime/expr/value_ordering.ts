// Spark's ordering and equality of values (the comparisons <, =, <=> and IN use): NaN equals NaN
// and sorts above every other double, -0.0 equals 0.0, strings compare by UTF-8 bytes (code
// points), binary by unsigned bytes, arrays and structs element by element with null first.
import type { CalendarInterval } from "../types/calendar_interval.ts";
import type { DataType } from "../types/data_type.ts";

export type Comparator = (a: any, b: any) => number;

/** Double comparison as SQLOrderingUtil.compareDoubles: equal values first, then NaN as the largest. */
export function compareDoubles(a: number, b: number): number {
  if (a === b) return 0;
  if (a < b) return -1;
  if (a > b) return 1;
  const an = a !== a, bn = b !== b;
  return an ? (bn ? 0 : 1) : -1;
}

/** Code point order of two JS strings, which is the order of their UTF-8 bytes. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (supplementary code points) sort after the rest of the BMP.
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

export function compareBinary(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length < 0 ? -1 : a.length > b.length ? 1 : 0;
}

const compareNumbers: Comparator = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);
const compareBigints: Comparator = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const compareBooleans: Comparator = (a: boolean, b: boolean) => (a === b ? 0 : a ? 1 : -1);

/** True when values of `t` can be ordered (maps and calendar intervals cannot). */
export function isOrderable(t: DataType): boolean {
  switch (t.kind) {
    case "map": case "calendar_interval": return false;
    case "array": return isOrderable(t.elementType);
    case "struct": return t.fields.every((f) => isOrderable(f.dataType));
    default: return true;
  }
}

/** The comparator for non-null values of `t` (values of complex types may contain nulls). */
export function comparatorFor(t: DataType): Comparator {
  switch (t.kind) {
    case "float": case "double": return compareDoubles;
    case "decimal": return compareBigints;
    case "string": return compareStrings;
    case "binary": return compareBinary;
    case "boolean": return compareBooleans;
    case "array": {
      const el = comparatorFor(t.elementType);
      return (a: unknown[], b: unknown[]) => {
        const n = Math.min(a.length, b.length);
        for (let i = 0; i < n; i++) {
          const x = a[i], y = b[i];
          if (x === null || y === null) {
            if (x === null && y === null) continue;
            return x === null ? -1 : 1;
          }
          const c = el(x, y);
          if (c !== 0) return c;
        }
        return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
      };
    }
    case "struct": {
      const fs = t.fields.map((f) => comparatorFor(f.dataType));
      return (a: unknown[], b: unknown[]) => {
        for (let i = 0; i < fs.length; i++) {
          const x = a[i], y = b[i];
          if (x === null || y === null) {
            if (x === null && y === null) continue;
            return x === null ? -1 : 1;
          }
          const c = fs[i]!(x, y);
          if (c !== 0) return c;
        }
        return 0;
      };
    }
    case "calendar_interval":
      return (a: CalendarInterval, b: CalendarInterval) =>
        a.months !== b.months ? compareNumbers(a.months, b.months)
        : a.days !== b.days ? compareNumbers(a.days, b.days) : compareNumbers(a.micros, b.micros);
    case "map": {
      const k = comparatorFor(t.keyType), v = comparatorFor(t.valueType);
      // Only used for equality: same entries in the same order.
      return (a: Map<unknown, unknown>, b: Map<unknown, unknown>) => {
        if (a.size !== b.size) return a.size < b.size ? -1 : 1;
        const ea = [...a], eb = [...b];
        for (let i = 0; i < ea.length; i++) {
          const c = k(ea[i]![0], eb[i]![0]);
          if (c !== 0) return c;
          const x = ea[i]![1], y = eb[i]![1];
          if (x === null || y === null) {
            if (x === null && y === null) continue;
            return x === null ? -1 : 1;
          }
          const d = v(x, y);
          if (d !== 0) return d;
        }
        return 0;
      };
    }
    default:
      return compareNumbers;
  }
}

/** Equality of non-null values of `t` as Spark's = sees it. */
export function equalityFor(t: DataType): (a: any, b: any) => boolean {
  switch (t.kind) {
    case "float": case "double": return (a: number, b: number) => a === b || (a !== a && b !== b);
    case "string": case "boolean": case "decimal": case "byte": case "short": case "int": case "long":
    case "date": case "timestamp": case "timestamp_ntz": case "time": case "daytime_interval": case "yearmonth_interval":
      return (a, b) => a === b;
    default: {
      const c = comparatorFor(t);
      return (a, b) => c(a, b) === 0;
    }
  }
}

/** A key that is equal for values Spark considers equal (for hashing IN lists); null when none is cheap. */
export function hashKeyFor(t: DataType): ((v: any) => unknown) | null {
  switch (t.kind) {
    case "float": case "double": return (v: number) => (v === 0 ? 0 : v !== v ? "NaN" : v);
    case "string": case "boolean": case "decimal": case "byte": case "short": case "int": case "long":
    case "date": case "timestamp": case "timestamp_ntz": case "time": case "daytime_interval": case "yearmonth_interval":
      return (v) => v;
    default: return null;
  }
}
