// Spark's InsertMapSortInGroupingExpressions: a grouping key holding a map (at any depth) is
// grouped by the map with its entries sorted by key, so maps with the same entries in another
// order fall in one group (and the group's key shows the sorted map).
import type { DataType } from "../types/data_type.ts";
import type { Bound } from "./bound.ts";
import { comparatorFor } from "./compare.ts";

export function hasMap(t: DataType): boolean {
  switch (t.kind) {
    case "map": return true;
    case "array": return hasMap(t.elementType);
    case "struct": return t.fields.some((f) => hasMap(f.dataType));
    default: return false;
  }
}

function sorter(t: DataType): (v: any) => unknown {
  switch (t.kind) {
    case "map": {
      const cmp = comparatorFor(t.keyType);
      const value = hasMap(t.valueType) ? sorter(t.valueType) : (x: unknown) => x;
      return (m: Map<unknown, unknown>) =>
        new Map([...m].sort((a, b) => cmp(a[0], b[0])).map(([k, v]) => [k, v === null ? null : value(v)]));
    }
    case "array": {
      const el = sorter(t.elementType);
      return (a: unknown[]) => a.map((x) => (x === null ? null : el(x)));
    }
    case "struct": {
      const fs = t.fields.map((f) => (hasMap(f.dataType) ? sorter(f.dataType) : undefined));
      return (s: unknown[]) => s.map((x, i) => (x === null || !fs[i] ? x : fs[i]!(x)));
    }
    default:
      return (x) => x;
  }
}

/** `b` with every map in its value sorted by key; `b` itself when its type holds no map. */
export function sortMapsRecursively(b: Bound): Bound {
  if (!hasMap(b.type)) return b;
  const f = sorter(b.type);
  return { kind: "fn", name: "map_sort", args: [b], type: b.type, nullable: b.nullable, impl: f };
}
