// Per-file statistics (PROTOCOL.md "Per-file Statistics") as delta-spark collects them: numRecords,
// and for the first 32 leaf columns (delta.dataSkippingNumIndexedCols) nullCount, and minValues /
// maxValues for numbers, dates, timestamps and strings. Strings are cut to 32 characters for the
// minimum; a maximum longer than that is left out (any bound must hold for every value, and a cut
// maximum would not). Timestamps are truncated to milliseconds, as the protocol says. A float or
// double column holding NaN or an infinity gets no bounds (JSON has no such numbers).
import { dateToString, javaDoubleToString, javaFloatToString, quoteJson, type DataType, type Row, type StructType } from "sluice/plugin-sdk";

export const DEFAULT_INDEXED_COLUMNS = 32;
export const STRING_PREFIX_LENGTH = 32;

type Leaf = {
  /** Indexes from the row down to the value (struct fields are arrays in field order). */
  path: number[];
  names: string[];
  type: DataType;
  nulls: number;
  min: unknown;
  max: unknown;
  /** A value that cannot be a bound was seen (NaN, infinity). */
  noBounds: boolean;
  /** The column's type has bounds at all. */
  bounded: boolean;
};

function hasBounds(t: DataType): boolean {
  switch (t.kind) {
    case "byte": case "short": case "int": case "long": case "float": case "double": case "decimal":
    case "date": case "timestamp": case "timestamp_ntz": case "string":
      return true;
    default:
      return false;
  }
}

function leaves(schema: StructType, limit: number): Leaf[] {
  const out: Leaf[] = [];
  const walk = (t: StructType, path: number[], names: string[]) => {
    t.fields.forEach((f, i) => {
      if (out.length >= limit) return;
      if (f.dataType.kind === "struct") walk(f.dataType, [...path, i], [...names, f.name]);
      else out.push({ path: [...path, i], names: [...names, f.name], type: f.dataType, nulls: 0, min: null, max: null, noBounds: false, bounded: hasBounds(f.dataType) });
    });
  };
  walk(schema, [], []);
  return out;
}

function less(a: unknown, b: unknown): boolean {
  return (a as number) < (b as number);
}

/** Strings in code point order, which is UTF-8 byte order (Spark's), unlike JavaScript's `<`. */
function lessString(a: unknown, b: unknown): boolean {
  const x = a as string;
  const y = b as string;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const c = x.charCodeAt(i);
    const d = y.charCodeAt(i);
    if (c === d) continue;
    // A surrogate (0xD800-0xDFFF) starts a code point above every BMP character.
    const cs = c >= 0xd800 && c <= 0xdfff;
    const ds = d >= 0xd800 && d <= 0xdfff;
    if (cs !== ds) return ds;
    return c < d;
  }
  return x.length < y.length;
}

/** Collects the stats of one data file as its rows arrive. */
export class StatsCollector {
  readonly #leaves: Leaf[];
  #records = 0;

  constructor(dataSchema: StructType, indexedColumns = DEFAULT_INDEXED_COLUMNS) {
    this.#leaves = indexedColumns < 0 ? leaves(dataSchema, Infinity) : leaves(dataSchema, indexedColumns);
  }

  get numRecords(): number {
    return this.#records;
  }

  add(rows: readonly Row[]): void {
    this.#records += rows.length;
    for (const leaf of this.#leaves) {
      const { path, type } = leaf;
      const isFloat = type.kind === "float" || type.kind === "double";
      const lt = type.kind === "string" ? lessString : less;
      for (const row of rows) {
        let v: unknown = row;
        for (const i of path) {
          v = v === null || v === undefined ? null : (v as unknown[])[i];
        }
        if (v === null || v === undefined) {
          leaf.nulls++;
          continue;
        }
        if (!leaf.bounded || leaf.noBounds) continue;
        if (isFloat && !Number.isFinite(v as number)) {
          leaf.noBounds = true;
          continue;
        }
        if (leaf.min === null || lt(v, leaf.min)) leaf.min = v;
        if (leaf.max === null || lt(leaf.max, v)) leaf.max = v;
      }
    }
  }

  /** The stats JSON for the file's add action. */
  json(): string {
    const nullCount: Tree = new Map();
    const minValues: Tree = new Map();
    const maxValues: Tree = new Map();
    for (const leaf of this.#leaves) {
      put(nullCount, leaf.names, String(leaf.nulls));
      if (!leaf.bounded || leaf.noBounds || leaf.min === null) continue;
      const min = boundText(leaf.type, leaf.min, "min");
      const max = boundText(leaf.type, leaf.max, "max");
      if (min !== undefined) put(minValues, leaf.names, min);
      if (max !== undefined) put(maxValues, leaf.names, max);
    }
    return `{"numRecords":${this.#records},"minValues":${treeJson(minValues)},"maxValues":${treeJson(maxValues)},"nullCount":${treeJson(nullCount)}}`;
  }
}

type Tree = Map<string, string | Tree>;

function put(tree: Tree, names: readonly string[], value: string): void {
  let t = tree;
  for (let i = 0; i < names.length - 1; i++) {
    let next = t.get(names[i]!);
    if (!(next instanceof Map)) t.set(names[i]!, (next = new Map()));
    t = next;
  }
  t.set(names[names.length - 1]!, value);
}

function treeJson(t: Tree): string {
  return `{${[...t].map(([k, v]) => `${quoteJson(k)}:${v instanceof Map ? treeJson(v) : v}`).join(",")}}`;
}

function pad(n: number, w = 2) {
  return String(n).padStart(w, "0");
}

/** Milliseconds-precision ISO text of a timestamp (UTC with Z, or local for TIMESTAMP_NTZ). */
function isoMillis(micros: number, utc: boolean): string {
  const d = new Date(Math.floor(micros / 1000));
  const y = d.getUTCFullYear();
  const year = y < 0 ? `-${pad(-y, 4)}` : y > 9999 ? `+${y}` : pad(y, 4);
  return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${utc ? "Z" : ""}`;
}

/** The JSON text of a bound, or undefined when none can be given. */
function boundText(t: DataType, v: unknown, which: "min" | "max"): string | undefined {
  switch (t.kind) {
    case "byte": case "short": case "int": case "long": return String(v);
    case "float": return javaFloatToString(v as number);
    case "double": return javaDoubleToString(v as number);
    case "decimal": return decimalText(v as bigint, t.scale);
    case "date": return quoteJson(dateToString(v as number));
    case "timestamp": return quoteJson(isoMillis(v as number, true));
    case "timestamp_ntz": return quoteJson(isoMillis(v as number, false));
    case "string": {
      const chars = [...(v as string)];
      if (chars.length <= STRING_PREFIX_LENGTH) return quoteJson(v as string);
      return which === "min" ? quoteJson(chars.slice(0, STRING_PREFIX_LENGTH).join("")) : undefined;
    }
    default: return undefined;
  }
}

/** A decimal's exact value as a JSON number (plain notation, all its scale's digits). */
function decimalText(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  let digits = (neg ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, "0");
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  } else if (scale < 0) digits += "0".repeat(-scale);
  return neg ? `-${digits}` : digits;
}
