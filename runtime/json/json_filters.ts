// Spark's JsonFilters: the filters pushed into a JSON scan, applied while a record's top-level
// object is read. Filters over the same columns are one predicate (their AND); a predicate runs as
// soon as every column it names has been set in the row (a value that converted, null included; a
// value that did not fit sets nothing), and the first one that is not true skips the row: the parser
// stops reading the record, which then gives no row at all — not even a corrupt one — so the scan
// counts (numInputRows) only rows that passed. A predicate whose column the record lacks never runs:
// such a row is kept (the query's own filter still applies). Rows of a top-level array are not
// filtered, as in Spark.
import { comparatorFor } from "../expr/compare.ts";
import type { SourceFilter } from "../plugin/contract.ts";
import type { StructType } from "../types/data_type.ts";

/** Three-valued: true, false, or null (unknown). */
type Truth = boolean | null;
type Predicate = (row: readonly unknown[]) => Truth;

/** Thrown by skipRow for a column set twice in one row: the reader marks the record malformed (keeping the value). */
export const RECOUNTED = new Error("Predicate reference counter cannot be negative");

export interface StructFilters {
  /** Before each row. */
  reset(): void;
  /** After field `index` of the row was set: true when a predicate that can now run is not true. */
  skipRow(row: readonly unknown[], index: number): boolean;
}

/** The columns a filter names. */
function references(f: SourceFilter, out = new Set<string>()): Set<string> {
  switch (f.kind) {
    case "and": case "or":
      references(f.left, out);
      references(f.right, out);
      return out;
    case "not":
      return references(f.child, out);
    default:
      out.add(f.column);
      return out;
  }
}

function predicate(f: SourceFilter, schema: StructType): Predicate {
  switch (f.kind) {
    case "and": {
      const l = predicate(f.left, schema), r = predicate(f.right, schema);
      return (row) => {
        const a = l(row);
        if (a === false) return false;
        const b = r(row);
        return b === false ? false : a === null || b === null ? null : true;
      };
    }
    case "or": {
      const l = predicate(f.left, schema), r = predicate(f.right, schema);
      return (row) => {
        const a = l(row);
        if (a === true) return true;
        const b = r(row);
        return b === true ? true : a === null || b === null ? null : false;
      };
    }
    case "not": {
      const c = predicate(f.child, schema);
      return (row) => {
        const v = c(row);
        return v === null ? null : !v;
      };
    }
    case "isNull": {
      const i = schema.fieldNames.indexOf(f.column);
      return (row) => row[i] === null;
    }
    case "isNotNull": {
      const i = schema.fieldNames.indexOf(f.column);
      return (row) => row[i] !== null;
    }
    default: {
      const i = schema.fieldNames.indexOf(f.column);
      const cmp = comparatorFor(schema.fields[i]!.dataType);
      const value = f.value;
      const test = TESTS[f.kind]!;
      if (f.kind === "<=>") {
        return (row) => {
          const v = row[i];
          return v === null || value === null ? v === value : cmp(v, value) === 0;
        };
      }
      return (row) => {
        const v = row[i];
        return v === null || value === null ? null : test(cmp(v, value));
      };
    }
  }
}

const TESTS: Record<string, (c: number) => boolean> = {
  "=": (c) => c === 0, "<": (c) => c < 0, "<=": (c) => c <= 0, ">": (c) => c > 0, ">=": (c) => c >= 0,
};

/**
 * The filters over `schema` (the columns the parser reads); those naming another column are left
 * out, as Spark's StructFilters leaves them. Undefined when none is left.
 */
export function structFilters(
  filters: readonly SourceFilter[] | undefined, schema: StructType, read: (index: number) => boolean = () => true,
): StructFilters | undefined {
  if (filters === undefined || filters.length === 0) return undefined;
  const names = new Set(schema.fieldNames.filter((_, i) => read(i)));
  const usable = filters.filter((f) => [...references(f)].every((c) => names.has(c)));
  if (usable.length === 0) return undefined;
  // One predicate per set of columns: the AND of the filters over exactly those columns.
  const groups = new Map<string, { refs: string[]; filters: SourceFilter[] }>();
  for (const f of usable) {
    const refs = [...references(f)].sort();
    const key = JSON.stringify(refs);
    const g = groups.get(key) ?? { refs, filters: [] };
    g.filters.push(f);
    groups.set(key, g);
  }
  interface Counted { run: Predicate; total: number; left: number }
  const byField: Counted[][] = schema.fields.map(() => []);
  const all: Counted[] = [];
  for (const { refs, filters: fs } of groups.values()) {
    const combined = fs.reduce((a, b) => ({ kind: "and", left: a, right: b }));
    const c: Counted = { run: predicate(combined, schema), total: refs.length, left: refs.length };
    all.push(c);
    for (const r of refs) byField[schema.fieldNames.indexOf(r)]!.push(c);
  }
  return {
    reset() {
      for (const c of all) c.left = c.total;
    },
    skipRow(row, index) {
      for (const c of byField[index]!) {
        c.left--;
        // A key named twice: Spark's assertion on the count fails, which its parser takes as a bad record.
        if (c.left < 0) throw RECOUNTED;
        if (c.left === 0 && c.run(row) !== true) return true;
      }
      return false;
    },
  };
}
