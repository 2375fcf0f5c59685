// Spark's Dataset.showString: the table `show()` and the console sink print. Values are rendered
// as Spark's ToPrettyString does (Spark 4): like CAST(x AS STRING), but null is "NULL" and binary
// is shown as hex bytes.
import { castToString } from "../expr/cast.ts";
import type { Row } from "../plugin/contract.ts";
import { ArrayType, type DataType, MapType, StructType } from "../types/data_type.ts";

/** A function rendering one value of `t` as show() does. */
export function prettyFormatter(t: DataType, timeZone: string): (v: unknown) => string {
  switch (t.kind) {
    case "binary":
      return (v) => (v === null ? "NULL" : "[" + Array.from(v as Uint8Array, (b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ") + "]");
    case "array": {
      const el = prettyFormatter((t as ArrayType).elementType, timeZone);
      return (v) => (v === null ? "NULL" : "[" + (v as unknown[]).map(el).join(", ") + "]");
    }
    case "map": {
      const mt = t as MapType;
      const k = prettyFormatter(mt.keyType, timeZone), val = prettyFormatter(mt.valueType, timeZone);
      return (v) => (v === null ? "NULL" : "{" + Array.from(v as Map<unknown, unknown>, ([a, b]) => `${k(a)} -> ${val(b)}`).join(", ") + "}");
    }
    case "struct": {
      const fs = (t as StructType).fields.map((f) => prettyFormatter(f.dataType, timeZone));
      return (v) => (v === null ? "NULL" : "{" + (v as unknown[]).map((x, i) => fs[i]!(x)).join(", ") + "}");
    }
    default: {
      const cast = castToString(t, timeZone);
      return (v) => (v === null ? "NULL" : (cast(v) as string));
    }
  }
}

/**
 * Display width as Spark's Utils.stringHalfWidth counts it: UTF-16 length (so an emoji is 2) plus
 * one for each East Asian full-width character.
 */
export function stringHalfWidth(s: string): number {
  let w = s.length;
  for (let i = 0; i < s.length; i++) if (isFullWidth(s.charCodeAt(i))) w++;
  return w;
}

function isFullWidth(c: number): boolean {
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe10 && c <= 0xfe19) || (c >= 0xfe30 && c <= 0xfe6f) ||
    (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6);
}

const META: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\f": "\\f", "\b": "\\b", "\u000B": "\\v", "\u0007": "\\a" };

/** SchemaUtils.escapeMetaCharacters: control characters would break the table's lines. */
export function escapeMetaCharacters(s: string): string {
  return s.replace(/[\n\r\t\f\b\u000B\u0007]/g, (ch) => META[ch]!);
}

function truncateCell(s: string, truncate: number): string {
  if (truncate <= 0 || s.length <= truncate) return s;
  return truncate < 4 ? s.slice(0, truncate) : s.slice(0, truncate - 3) + "...";
}

function pad(s: string, width: number, left: boolean): string {
  const fill = " ".repeat(Math.max(0, width - stringHalfWidth(s)));
  return left ? fill + s : s + fill;
}

/**
 * The text of `df.show(numRows, truncate)`: `rows` may hold one more row than shown, which is how
 * Spark knows to print "only showing top N rows".
 */
export function showString(schema: StructType, rows: readonly Row[], numRows: number, truncate: number, timeZone: string, vertical = false): string {
  const shown = rows.slice(0, numRows);
  const fmts = schema.fields.map((f) => prettyFormatter(f.dataType, timeZone));
  // Spark truncates the cells but not the column names.
  const header = schema.fields.map((f) => escapeMetaCharacters(f.name));
  const cells = shown.map((r) => fmts.map((fmt, i) => truncateCell(escapeMetaCharacters(fmt(r[i] ?? null)), truncate)));
  const more = rows.length > numRows;
  if (vertical) return verticalString(header, cells, more, numRows);
  const widths = header.map((h, i) => Math.max(3, stringHalfWidth(h), ...cells.map((c) => stringHalfWidth(c[i]!))));
  const sep = "+" + widths.map((w) => "-".repeat(w)).join("+") + "+\n";
  const line = (vals: string[]) => "|" + vals.map((v, i) => pad(v, widths[i]!, truncate > 0)).join("|") + "|\n";
  let out = sep + line(header) + sep;
  for (const c of cells) out += line(c);
  out += sep;
  if (more) out += `only showing top ${numRows} ${numRows === 1 ? "row" : "rows"}`;
  return out;
}

function verticalString(header: string[], cells: string[][], more: boolean, numRows: number): string {
  const fieldWidth = Math.max(0, ...header.map(stringHalfWidth));
  const dataWidth = Math.max(0, ...cells.flat().map(stringHalfWidth));
  let out = "";
  cells.forEach((row, i) => {
    const title = `-RECORD ${i}`;
    out += title + "-".repeat(Math.max(0, fieldWidth + dataWidth + 3 - title.length)) + "\n";
    row.forEach((v, j) => (out += pad(header[j]!, fieldWidth, false) + " | " + pad(v, dataWidth, false) + "\n"));
  });
  if (cells.length === 0) out += "(0 rows)\n";
  if (more) out += `only showing top ${numRows} ${numRows === 1 ? "row" : "rows"}`;
  return out;
}
