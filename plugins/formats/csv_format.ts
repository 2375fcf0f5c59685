// The CSV file format (Spark's CSVFileFormat over univocity). Each file's first record is the
// header when `header` is set; a record with too few or too many fields, or a field that does not
// convert, is malformed (its parsed fields are kept: Spark's partial results) and goes through
// the parse mode. Batch reads name the columns from the header (or _c0, _c1, …) and, with
// inferSchema, infer each column's type as CSVInferSchema does; otherwise every column is STRING.
import { compileDatetimePattern, decimalFromText, fastTimestamp, MICROS_PER_DAY, floorDiv, stringToDate, stringToTimestamp, stringToTimestampWithoutTimeZone, longFromDigits, BOOLEAN, DATE, DecimalType, DOUBLE, INT, LONG, NULL, STRING, StructField, StructType, TIMESTAMP, type DatetimePattern, type Row, type DataType } from "sluice/plugin-sdk";
import { unsupportedDataType } from "./errors.ts";
import type { ListedFile } from "./list_files.ts";
import { type CsvSyntax, type CsvToken, parseRecord, unescapeOptionChars } from "./csv_syntax.ts";
import {
  badRecord, corruptColumnIndex, type FileFormat, type FormatContext, type FormatOptions, fileLineBlocks, LINE_BLOCK_BYTES, parseMode, readBytes,
} from "./format.ts";
import { corruptColumnName } from "./json_format.ts";

export function csvSyntax(o: FormatOptions): CsvSyntax {
  const char = (key: string, dflt: string) => {
    const v = o[key];
    if (typeof v !== "string") return dflt;
    const u = unescapeOptionChars(v);
    return u === "\u0000" ? "" : u;
  };
  const sep = typeof o.sep === "string" ? o.sep : typeof o.delimiter === "string" ? o.delimiter : ",";
  return {
    sep: unescapeOptionChars(sep),
    quote: char("quote", '"'),
    escape: char("escape", "\\"),
    comment: char("comment", ""),
    ignoreLeadingWhiteSpace: o.ignoreLeadingWhiteSpace === true,
    ignoreTrailingWhiteSpace: o.ignoreTrailingWhiteSpace === true,
  };
}

interface Record_ {
  tokens: CsvToken[];
  quoted: boolean[];
  raw: string;
  line: number;
}

/** Where a block of lines starts in its file (the next block's first line once the block is read). */
interface LineCounter {
  line: number;
}

/** Every record of a file, comment and empty lines skipped, the header (if any) included. */
function records(text: string, syn: CsvSyntax, multiLine: boolean, lineSep: string | undefined, from?: LineCounter): Record_[] {
  const out: Record_[] = [];
  if (lineSep !== undefined && lineSep !== "" && !multiLine) {
    let lineNo = 0;
    for (const line of text.split(lineSep)) {
      lineNo++;
      pushLine(line, lineNo);
    }
    return out;
  }
  let i = 0;
  let lineNo = from?.line ?? 1;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === "\n" || c === "\r") {
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      lineNo++;
      continue;
    }
    if (syn.comment !== "" && text.startsWith(syn.comment, i)) {
      while (i < n && text[i] !== "\n" && text[i] !== "\r") i++;
      continue;
    }
    if (!multiLine) {
      let e = i;
      while (e < n && text[e] !== "\n" && text[e] !== "\r") e++;
      const line = text.slice(i, e);
      out.push(plainLine(line, syn, lineNo) ?? lineRecord(line, syn, lineNo));
      i = e;
      continue;
    }
    const r = parseRecord(text, i, syn, true);
    let raw = text.slice(i, r.end);
    raw = raw.replace(/\r?\n$|\r$/, "");
    out.push({ tokens: r.tokens, quoted: r.quoted, raw, line: lineNo });
    for (let k = i; k < r.end; k++) if (text[k] === "\n") lineNo++;
    i = r.end;
  }
  if (from !== undefined) from.line = lineNo;
  return out;

  function pushLine(line: string, lineNo: number) {
    if (line === "") return;
    if (syn.comment !== "" && line.startsWith(syn.comment)) return;
    out.push(plainLine(line, syn, lineNo) ?? lineRecord(line, syn, lineNo));
  }
}

function lineRecord(line: string, syn: CsvSyntax, lineNo: number): Record_ {
  const r = parseRecord(line, 0, syn, false);
  return { tokens: r.tokens, quoted: r.quoted, raw: line, line: lineNo };
}

const NO_QUOTES: boolean[] = [];

/** A line without quote characters (the common case) is just split on the separator. */
function plainLine(line: string, syn: CsvSyntax, lineNo: number): Record_ | null {
  if ((syn.quote !== "" && line.includes(syn.quote)) || syn.ignoreLeadingWhiteSpace || syn.ignoreTrailingWhiteSpace) return null;
  const tokens: CsvToken[] = line.split(syn.sep);
  for (let k = 0; k < tokens.length; k++) if (tokens[k] === "") tokens[k] = null;
  return { tokens, quoted: NO_QUOTES, raw: line, line: lineNo };
}

function fileRecords(file: ListedFile, o: FormatOptions, syn: CsvSyntax): Record_[] {
  const text = readBytes(file.path).toString("utf8");
  const all = records(text, syn, o.multiLine === true, typeof o.lineSep === "string" ? o.lineSep : undefined);
  return o.header === true ? all.slice(1) : all;
}

const INT_TEXT = /^[+-]?\d+$/;
const DOUBLE_TEXT = /^\s*[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)\s*$/;

interface CsvConvertOptions {
  ctx: FormatContext;
  nanValue: string;
  positiveInf: string;
  negativeInf: string;
  timestampFormat: DatetimePattern | null;
  timestampNTZFormat: DatetimePattern | null;
  dateFormat: DatetimePattern | null;
}

/** A converter from a field's text to `t`; undefined when the text does not convert. */
function converter(t: DataType, c: CsvConvertOptions): (s: string) => unknown {
  const zone = c.ctx.zone;
  switch (t.kind) {
    case "string": return (s) => s;
    case "byte": case "short": case "int": case "long": {
      const [lo, hi] = { byte: [-128, 127], short: [-32768, 32767], int: [-2147483648, 2147483647], long: [-9223372036854775808, 9223372036854775807] }[t.kind];
      return (s) => {
        if (!INT_TEXT.test(s)) return undefined;
        // A long keeps every digit (a bigint beyond 2^53, types/long.ts).
        if (t.kind === "long") return longFromDigits(s) ?? undefined;
        const v = Number(s);
        return v < lo! || v > hi! ? undefined : v === 0 ? 0 : v;
      };
    }
    case "float": case "double": {
      const round = t.kind === "float" ? Math.fround : (x: number) => x;
      return (s) => {
        if (s === c.nanValue) return NaN;
        if (s === c.positiveInf) return Infinity;
        if (s === c.negativeInf) return -Infinity;
        if (!DOUBLE_TEXT.test(s)) return undefined;
        return round(Number(s.trim().replace(/[fFdD]$/, "")));
      };
    }
    case "boolean":
      return (s) => {
        const l = s.toLowerCase();
        return l === "true" ? true : l === "false" ? false : undefined;
      };
    case "decimal":
      return (s) => decimalFromText(s.replaceAll(",", ""), t.precision, t.scale) ?? undefined;
    case "timestamp": {
      const fmt = c.timestampFormat;
      return (s) => (fmt !== null ? fmt.tryParse(s, zone) : fastTimestamp(s, zone) ?? stringToTimestamp(s, zone)) ?? undefined;
    }
    case "timestamp_ntz": {
      const fmt = c.timestampNTZFormat;
      return (s) => {
        try {
          return (fmt !== null ? fmt.parseLocal(s) : stringToTimestampWithoutTimeZone(s, false)) ?? undefined;
        } catch {
          return undefined;
        }
      };
    }
    case "date": {
      const fmt = c.dateFormat;
      return (s) => {
        if (fmt === null) return stringToDate(s) ?? undefined;
        const m = fmt.tryParse(s, zone);
        return m === null ? undefined : floorDiv(zone.toLocal(m), MICROS_PER_DAY);
      };
    }
    case "binary": return (s) => new TextEncoder().encode(s);
    default: return () => undefined;
  }
}

function convertOptions(o: FormatOptions, ctx: FormatContext): CsvConvertOptions {
  const pattern = (key: string) => (typeof o[key] === "string" ? compileDatetimePattern(o[key] as string, true) : null);
  return {
    ctx,
    nanValue: typeof o.nanValue === "string" ? o.nanValue : "NaN",
    positiveInf: typeof o.positiveInf === "string" ? o.positiveInf : "Inf",
    negativeInf: typeof o.negativeInf === "string" ? o.negativeInf : "-Inf",
    timestampFormat: pattern("timestampFormat"),
    timestampNTZFormat: pattern("timestampNTZFormat"),
    dateFormat: pattern("dateFormat"),
  };
}

function csvReader(schema: StructType, o: FormatOptions, ctx: FormatContext): (file: ListedFile) => Row[] {
  const convert = csvConverter(schema, o, ctx);
  const syn = csvSyntax(o);
  return (file) => {
    const out: Row[] = [];
    convert(file, fileRecords(file, o, syn), out);
    return out;
  };
}

/**
 * The same rows a block of lines at a time (blocks of about LINE_BLOCK_BYTES, cut after a "\n"),
 * so a file's text and rows are never all held at once; lines are records unless multiLine, which
 * (like lineSep) reads the file whole. The header is the file's first record.
 */
function csvPieces(schema: StructType, o: FormatOptions, ctx: FormatContext): (file: ListedFile, maxRows: number) => Iterable<Row[]> {
  const convert = csvConverter(schema, o, ctx);
  const syn = csvSyntax(o);
  const whole = o.multiLine === true || (typeof o.lineSep === "string" && o.lineSep !== "");
  return function* (file) {
    if (whole) {
      const out: Row[] = [];
      convert(file, fileRecords(file, o, syn), out);
      if (out.length > 0) yield out;
      return;
    }
    const at: LineCounter = { line: 1 };
    let header = o.header === true;
    for (const block of fileLineBlocks(file.path, LINE_BLOCK_BYTES)) {
      let recs = records(Buffer.from(block.buffer, block.byteOffset, block.byteLength).toString("utf8"), syn, false, undefined, at);
      if (header && recs.length > 0) {
        recs = recs.slice(1);
        header = false;
      }
      const out: Row[] = [];
      convert(file, recs, out);
      if (out.length > 0) yield out;
    }
  };
}

/** Converts a file's records (the header left out) into rows appended to `out`, bad ones through the parse mode. */
function csvConverter(schema: StructType, o: FormatOptions, ctx: FormatContext): (file: ListedFile, recs: readonly Record_[], out: Row[]) => void {
  const mode = parseMode(o.mode, ctx.log);
  const corrupt = corruptColumnIndex(schema, corruptColumnName(o, ctx));
  const nullValue = typeof o.nullValue === "string" ? o.nullValue : "";
  const emptyValue = typeof o.emptyValue === "string" ? o.emptyValue : "";
  const c = convertOptions(o, ctx);
  // The fields parsed from the text: every field but the corrupt-record column, in order.
  const targets = schema.fields.map((_, i) => i).filter((i) => i !== corrupt);
  const convs = targets.map((i) => converter(schema.fields[i]!.dataType, c));
  const width = schema.fields.length;
  return (file, recs, out) => {
    for (const rec of recs) {
      const row: Row = new Array(width).fill(null);
      let bad = rec.tokens.length !== targets.length;
      for (let k = 0; k < targets.length; k++) {
        let tok = k < rec.tokens.length ? rec.tokens[k]! : null;
        if (tok === "" && rec.quoted[k]) tok = emptyValue;
        if (tok === null || tok === nullValue) continue;
        const v = convs[k]!(tok);
        if (v === undefined) bad = true;
        else row[targets[k]!] = v;
      }
      if (bad) badRecord(mode, row, corrupt, rec.raw, file.path, rec.line, out);
      else out.push(row);
    }
  };
}

// ---- schema inference (CSVInferSchema) ----

const LONG_TEXT = INT_TEXT;

function inferField(soFar: DataType, field: string, c: CsvConvertOptions): DataType {
  const zone = c.ctx.zone;
  const tryBoolean = (): DataType => (/^(true|false)$/i.test(field) ? BOOLEAN : STRING);
  const tryTimestamp = (): DataType => {
    const v = c.timestampFormat !== null ? c.timestampFormat.tryParse(field, zone) : stringToTimestamp(field, zone);
    return v !== null ? TIMESTAMP : tryBoolean();
  };
  const tryDate = (): DataType => {
    const fmt = c.dateFormat ?? compileDatetimePattern("yyyy-MM-dd", true);
    return fmt.tryParse(field, zone) !== null ? DATE : tryTimestamp();
  };
  const tryDouble = (): DataType => (DOUBLE_TEXT.test(field) || field === c.nanValue || field === c.positiveInf || field === c.negativeInf ? DOUBLE : tryDate());
  const tryDecimal = (): DataType => {
    const m = /^[+-]?(\d+)$/.exec(field.replaceAll(",", ""));
    if (m) {
      const digits = m[1]!.replace(/^0+(?=\d)/, "").length;
      if (digits <= 38) return new DecimalType(digits, 0);
    }
    return tryDouble();
  };
  const tryLong = (): DataType => {
    if (LONG_TEXT.test(field)) {
      const b = BigInt(field);
      if (b >= -9223372036854775808n && b <= 9223372036854775807n) return LONG;
    }
    return tryDecimal();
  };
  const tryInteger = (): DataType => {
    if (INT_TEXT.test(field)) {
      const v = Number(field);
      if (v >= -2147483648 && v <= 2147483647) return INT;
    }
    return tryLong();
  };
  let t: DataType;
  switch (soFar.kind) {
    case "null": case "int": t = tryInteger(); break;
    case "long": t = tryLong(); break;
    case "decimal": t = tryDecimal(); break;
    case "double": t = tryDouble(); break;
    case "date": t = tryDate(); break;
    case "timestamp": t = tryTimestamp(); break;
    case "boolean": t = tryBoolean(); break;
    default: t = STRING;
  }
  return compatible(soFar, t);
}

const NUMERIC_ORDER = ["int", "long", "decimal", "double"];

function compatible(a: DataType, b: DataType): DataType {
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (a.equals(b)) return a;
  if (a.kind === "string" || b.kind === "string") return STRING;
  const ia = NUMERIC_ORDER.indexOf(a.kind), ib = NUMERIC_ORDER.indexOf(b.kind);
  if (ia >= 0 && ib >= 0) {
    if (a.kind === "double" || b.kind === "double") return DOUBLE;
    if (a.kind === "decimal" || b.kind === "decimal") {
      const da = a.kind === "decimal" ? a : new DecimalType(a.kind === "int" ? 10 : 20, 0);
      const db = b.kind === "decimal" ? b : new DecimalType(b.kind === "int" ? 10 : 20, 0);
      const scale = Math.max(da.scale, db.scale);
      const range = Math.max(da.precision - da.scale, db.precision - db.scale);
      return range + scale > 38 ? DOUBLE : new DecimalType(range + scale, scale);
    }
    return ia > ib ? a : b;
  }
  const kinds = new Set([a.kind, b.kind]);
  if (kinds.has("date") && kinds.has("timestamp")) return TIMESTAMP;
  return STRING;
}

/** CSVDataSource.makeSafeHeader: blank names become _c<i>, duplicated names get their index appended. */
function headerNames(first: CsvToken[] | undefined, width: number, useHeader: boolean, caseSensitive: boolean): string[] {
  if (!useHeader || first === undefined) return Array.from({ length: width }, (_, i) => `_c${i}`);
  const names = first.map((t) => t ?? "");
  const key = (s: string) => (caseSensitive ? s : s.toLowerCase());
  const counts = new Map<string, number>();
  for (const n of names) counts.set(key(n), (counts.get(key(n)) ?? 0) + 1);
  return names.map((n, i) => (n === "" ? `_c${i}` : counts.get(key(n))! > 1 ? `${n}${i}` : n));
}

function inferCsv(files: readonly ListedFile[], o: FormatOptions, ctx: FormatContext): StructType | null {
  if (files.length === 0) return null;
  const syn = csvSyntax(o);
  const multiLine = o.multiLine === true;
  const lineSep = typeof o.lineSep === "string" ? o.lineSep : undefined;
  const perFile = files.map((f) => records(readBytes(f.path).toString("utf8"), syn, multiLine, lineSep));
  const first = perFile.find((r) => r.length > 0)?.[0];
  if (first === undefined) return new StructType([]);
  const caseSensitive = (ctx.conf("spark.sql.caseSensitive") ?? "false").toLowerCase() === "true";
  const names = headerNames(first.tokens, first.tokens.length, o.header === true, caseSensitive);
  if (o.inferSchema !== true) return new StructType(names.map((n) => new StructField(n, STRING, true)));
  const nullValue = typeof o.nullValue === "string" ? o.nullValue : "";
  const c = convertOptions(o, ctx);
  const types: DataType[] = names.map(() => NULL);
  for (const recs of perFile) {
    for (const rec of o.header === true ? recs.slice(1) : recs) {
      for (let k = 0; k < Math.min(rec.tokens.length, names.length); k++) {
        const tok = rec.tokens[k]!;
        if (tok === null || tok === "" || tok === nullValue) continue;
        types[k] = inferField(types[k]!, tok, c);
      }
    }
  }
  return new StructType(names.map((n, i) => new StructField(n, types[i]!.kind === "null" ? STRING : types[i]!, true)));
}

export const csvFormat: FileFormat = {
  name: "csv",
  displayName: "CSV",
  streamingNeedsSchema: true,
  fixedSchema: null,
  checkSchema(schema, o, ctx) {
    corruptColumnIndex(schema, corruptColumnName(o, ctx));
    for (const f of schema.fields) {
      const k = f.dataType.kind;
      if (k === "array" || k === "map" || k === "struct" || k.endsWith("interval")) throw unsupportedDataType("CSV", f.name, f.dataType);
    }
  },
  inferSchema: inferCsv,
  reader: csvReader,
  pieces: csvPieces,
};
