// Spark's ordering of values of one type (for min/max, ORDER BY, sort): numbers with NaN largest
// and -0.0 equal to 0.0, strings by UTF-8 bytes, false < true, arrays and structs element-wise.
// Comparators take non-null values; callers place nulls.
import type { DataType } from "../types/data_type.ts";

export type Comparator = (a: any, b: any) => number;

const numeric: Comparator = (a: number, b: number) => {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  // At least one NaN: NaN sorts after everything and equals itself.
  const an = Number.isNaN(a), bn = Number.isNaN(b);
  return an && bn ? 0 : an ? 1 : -1;
};

/** UTF-8 byte order, which differs from JS's UTF-16 order only around surrogate pairs. */
const utf8: Comparator = (a: string, b: string) => {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!, y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length < 0 ? -1 : a.length === b.length ? 0 : 1;
};

const bytes: Comparator = (a: Uint8Array, b: Uint8Array) => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
};

export function comparatorFor(t: DataType): Comparator {
  switch (t.kind) {
    case "string":
      return utf8;
    case "binary":
      return bytes;
    case "boolean":
      return (a: boolean, b: boolean) => (a === b ? 0 : a ? 1 : -1);
    case "decimal":
      return (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
    case "array": {
      const el = nullsFirst(comparatorFor(t.elementType));
      return (a: unknown[], b: unknown[]) => {
        const n = Math.min(a.length, b.length);
        for (let i = 0; i < n; i++) {
          const c = el(a[i], b[i]);
          if (c !== 0) return c;
        }
        return a.length - b.length;
      };
    }
    case "struct": {
      const fs = t.fields.map((f) => nullsFirst(comparatorFor(f.dataType)));
      return (a: unknown[], b: unknown[]) => {
        for (let i = 0; i < fs.length; i++) {
          const c = fs[i]!(a[i], b[i]);
          if (c !== 0) return c;
        }
        return 0;
      };
    }
    case "calendar_interval":
    case "map":
      return () => 0;
    default:
      return numeric;
  }
}

/** Wraps a comparator so null sorts before any value (Spark's ascending default). */
export function nullsFirst(c: Comparator): Comparator {
  return (a, b) => (a === null ? (b === null ? 0 : -1) : b === null ? 1 : c(a, b));
}

export function nullsLast(c: Comparator): Comparator {
  return (a, b) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : c(a, b));
}

/** Equality for grouping and DISTINCT: like the ordering, with NaN = NaN and -0.0 = 0.0. */
export function equalsFor(t: DataType): (a: unknown, b: unknown) => boolean {
  const c = comparatorFor(t);
  return (a, b) => (a === null || b === null ? a === b : c(a, b) === 0);
}
