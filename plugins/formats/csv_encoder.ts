// Rows as CSV, as Spark's UnivocityGenerator writes them: no header unless asked, values trimmed,
// quoted when they hold the separator, a quote or a line break (quotes inside escaped with the
// escape character), null as nullValue (empty), the empty string as "" (emptyValue), timestamps
// as yyyy-MM-dd'T'HH:mm:ss.SSSXXX.
import { compileDatetimePattern, DEFAULT_TIMESTAMP_FORMAT, dateToString, javaDoubleToString, javaFloatToString, castToString, type Row, type DataType, type StructType } from "sluice/plugin-sdk";
import { unescapeOptionChars } from "./csv_syntax.ts";
import { decimalString, type EncodeContext, type FileEncoder } from "./encoder.ts";

export interface CsvWriteOptions {
  header?: boolean;
  sep?: string;
  delimiter?: string;
  quote?: string;
  escape?: string;
  nullValue?: string;
  emptyValue?: string;
  quoteAll?: boolean;
  escapeQuotes?: boolean;
  ignoreLeadingWhiteSpace?: boolean;
  ignoreTrailingWhiteSpace?: boolean;
  timestampFormat?: string;
  timestampNTZFormat?: string;
  dateFormat?: string;
  lineSep?: string;
}

function textOf(t: DataType, o: CsvWriteOptions, ctx: EncodeContext): (v: any) => string {
  switch (t.kind) {
    case "string": return (v: string) => v;
    case "double": return (v: number) => (Number.isNaN(v) ? "NaN" : v === Infinity ? "Infinity" : v === -Infinity ? "-Infinity" : javaDoubleToString(v));
    case "float": return (v: number) => (Number.isNaN(v) ? "NaN" : v === Infinity ? "Infinity" : v === -Infinity ? "-Infinity" : javaFloatToString(v));
    case "decimal": return (v: bigint) => decimalString(v, t.scale);
    case "timestamp": {
      const p = compileDatetimePattern(o.timestampFormat ?? DEFAULT_TIMESTAMP_FORMAT, false);
      return (v: number) => p.format(v, ctx.zone);
    }
    case "timestamp_ntz": {
      const p = compileDatetimePattern(o.timestampNTZFormat ?? "yyyy-MM-dd'T'HH:mm:ss[.SSS]", false);
      return (v: number) => p.formatLocal(v);
    }
    case "date": {
      if (o.dateFormat === undefined) return (v: number) => dateToString(v);
      const p = compileDatetimePattern(o.dateFormat, false);
      return (v: number) => p.formatLocal(v * 86_400_000_000);
    }
    default: return castToString(t, ctx.zoneId);
  }
}

export function csvEncoder(schema: StructType, o: CsvWriteOptions, ctx: EncodeContext): FileEncoder["encode"] {
  const sep = unescapeOptionChars(o.sep ?? o.delimiter ?? ",");
  const quote = o.quote === undefined ? '"' : unescapeOptionChars(o.quote);
  const escape = o.escape === undefined ? "\\" : unescapeOptionChars(o.escape);
  const nullValue = o.nullValue ?? "";
  const emptyValue = o.emptyValue ?? `${quote}${quote}`;
  const lineSep = o.lineSep ?? "\n";
  const trimLead = o.ignoreLeadingWhiteSpace !== false;
  const trimTrail = o.ignoreTrailingWhiteSpace !== false;
  const texts = schema.fields.map((f) => textOf(f.dataType, o, ctx));
  const needsQuote = (s: string) =>
    o.quoteAll === true || s.includes(sep) || (quote !== "" && s.includes(quote)) || s.includes("\n") || s.includes("\r") ||
    (escape !== "" && s.includes(escape) && s.includes(quote));
  const field = (s: string): string => {
    if (trimLead) s = s.replace(/^[\s\u0000]+/, "");
    if (trimTrail) s = s.replace(/[\s\u0000]+$/, "");
    if (s === "") return emptyValue;
    if (quote === "" || !needsQuote(s)) return s;
    const inner = o.escapeQuotes === false ? s : s.replaceAll(quote, escape + quote);
    return quote + inner + quote;
  };
  const header = schema.fields.map((f) => field(f.name)).join(sep);
  return (rows: readonly Row[]) => {
    const lines: string[] = [];
    if (o.header === true) lines.push(header);
    for (const row of rows) {
      const parts = new Array<string>(texts.length);
      for (let i = 0; i < texts.length; i++) {
        const v = row[i];
        parts[i] = v === null || v === undefined ? nullValue : field(texts[i]!(v));
      }
      lines.push(parts.join(sep));
    }
    return new TextEncoder().encode(lines.length ? lines.join(lineSep) + lineSep : "");
  };
}
