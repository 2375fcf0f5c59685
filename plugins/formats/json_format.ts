// The JSON file format (Spark's JsonFileFormat): one JSON document per line (or per file with
// multiLine), a document being an object (one row) or an array of objects (a row each). Records are
// read by runtime/json with Spark's parser options (allowSingleQuotes, allowNonNumericNumbers, …
// and their defaults), numbers from their text (a BIGINT keeps every digit, 2.0 is no BIGINT), bytes
// that are not UTF-8 as Jackson reads them. Records that do not parse, or whose values do not fit
// the schema (Spark's partial results), go through the parse mode. Batch reads infer the schema as
// JsonInferSchema does. Files in another encoding are decoded first (they need lineSep unless
// multiLine, as in Spark).
import {
  compileDatetimePattern, decodeLikeJackson, fastRecordReader, jsonFeatures, JsonCursor, recordReader, recordType, canonicalize, compatibleType, userError,
  NULL, STRING, StructField, StructType, type DataType, type InferOptions, type JsonConvertOptions, type Row,
} from "sluice/plugin-sdk";
import type { ListedFile } from "./list_files.ts";
import {
  badRecord, corruptColumnIndex, DECODE_CHUNK_BYTES, type FileFormat, type FormatContext, type FormatOptions, fileLineBlocks, LINE_BLOCK_BYTES, parseMode,
  readBytes, type ScanNeeds,
} from "./format.ts";

export const DEFAULT_CORRUPT_COLUMN = "_corrupt_record";

export function corruptColumnName(o: FormatOptions, ctx: FormatContext): string {
  return (o.columnNameOfCorruptRecord as string | undefined) ?? ctx.conf("spark.sql.columnNameOfCorruptRecord") ?? DEFAULT_CORRUPT_COLUMN;
}

const isBlank = (s: string) => s.length === 0 || (s.charCodeAt(0) <= 32 && s.trim() === "");

function convertOptions(o: FormatOptions, ctx: FormatContext): JsonConvertOptions {
  const pattern = (key: string) => (typeof o[key] === "string" ? compileDatetimePattern(o[key] as string, true) : null);
  return {
    features: jsonFeatures((name) => o[name] as boolean | string | undefined),
    // The file reader works on bytes: a STRING field keeps a non-string value's text as written.
    exactStrings: true,
    zone: ctx.zone,
    timestampFormat: pattern("timestampFormat"),
    timestampNTZFormat: pattern("timestampNTZFormat"),
    dateFormat: pattern("dateFormat"),
  };
}

/** One record of a file: its text (as decodeLikeJackson made it when the bytes were not UTF-8), and what a corrupt-record column shows. */
type OnRecord = (text: string, lineNo: number, decodedLikeJackson: boolean, shown: string) => void;

const FATAL = new TextDecoder("utf-8", { fatal: true });
const LENIENT = new TextDecoder("utf-8");

/** The file's records: lines (or one record with multiLine), decoded from its encoding. */
function forEachRecord(bytes: Uint8Array, o: FormatOptions, onRecord: OnRecord): void {
  const multiLine = o.multiLine === true;
  const lineSep = typeof o.lineSep === "string" && o.lineSep !== "" ? o.lineSep : undefined;
  const encoding = encodingOf(o);
  if (encoding !== "utf-8") {
    const text = decodeCharset(bytes, encoding);
    if (multiLine) onRecord(text, 1, false, text);
    else splitText(text, lineSep, 0, (line, n) => onRecord(line, n, false, line));
    return;
  }
  if (multiLine || lineSep !== undefined) {
    let text: string | undefined;
    try {
      text = FATAL.decode(bytes);
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      if (multiLine) onRecord(text, 1, false, text);
      else splitText(text, lineSep, 0, (line, n) => onRecord(line, n, false, line));
      return;
    }
    // Not UTF-8: each record is read as Jackson reads such bytes.
    if (multiLine) {
      onRecord(decodeLikeJackson(bytes), 1, true, LENIENT.decode(bytes));
      return;
    }
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    splitBytes(buf, Buffer.from(lineSep!), (s, e, n) => recordOfBytes(buf, s, e, n, onRecord));
    return;
  }
  // Lines split at \n, \r\n or \r, decoded a chunk at a time (cut at a line end).
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let lineNo = 0;
  let start = 0;
  const n = buf.length;
  while (start < n) {
    let end = Math.min(n, start + DECODE_CHUNK_BYTES);
    if (end < n) {
      const nl = buf.lastIndexOf(10, end - 1);
      if (nl >= start) end = nl + 1;
      else {
        const next = buf.indexOf(10, end);
        end = next < 0 ? n : next + 1;
      }
    }
    let text: string | undefined;
    try {
      text = FATAL.decode(buf.subarray(start, end));
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      lineNo = splitText(text, undefined, lineNo, (line, k) => onRecord(line, k, false, line));
    } else {
      lineNo = splitLineBytes(buf, start, end, lineNo, (s, e, k) => recordOfBytes(buf, s, e, k, onRecord));
    }
    start = end;
  }
}

/** A record given as bytes: decoded strictly, or as Jackson decodes bytes that are not UTF-8. */
function recordOfBytes(bytes: Uint8Array, s: number, e: number, lineNo: number, onRecord: OnRecord): void {
  const part = bytes.subarray(s, e);
  let text: string;
  try {
    text = FATAL.decode(part);
  } catch {
    onRecord(decodeLikeJackson(part), lineNo, true, LENIENT.decode(part));
    return;
  }
  onRecord(text, lineNo, false, text);
}

/** Splits text into lines (\n, \r\n, \r, or lineSep); returns the last line number used. */
function splitText(text: string, lineSep: string | undefined, lineNo: number, onLine: (line: string, n: number) => void): number {
  if (lineSep !== undefined) {
    const parts = text.split(lineSep);
    if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
    for (const p of parts) onLine(p, ++lineNo);
    return lineNo;
  }
  let i = 0;
  const len = text.length;
  let cr = text.indexOf("\r");
  while (i < len) {
    if (cr >= 0 && cr < i) cr = text.indexOf("\r", i);
    let j = text.indexOf("\n", i);
    if (cr >= 0 && (j < 0 || cr < j)) {
      onLine(text.slice(i, cr), ++lineNo);
      i = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      continue;
    }
    if (j < 0) j = len;
    onLine(text.slice(i, j), ++lineNo);
    i = j + 1;
  }
  return lineNo;
}

/** Line ranges of bytes[start, end) split at \n, \r\n or \r; returns the last line number used. */
function splitLineBytes(b: Uint8Array, start: number, end: number, lineNo: number, onLine: (s: number, e: number, n: number) => void): number {
  let i = start;
  while (i < end) {
    let j = i;
    while (j < end && b[j] !== 10 && b[j] !== 13) j++;
    onLine(i, j, ++lineNo);
    i = j < end && b[j] === 13 && b[j + 1] === 10 ? j + 2 : j + 1;
  }
  return lineNo;
}

function splitBytes(b: Buffer, sep: Buffer, onRecord: (s: number, e: number, n: number) => void): void {
  let i = 0, n = 0;
  while (i < b.length) {
    const j = b.indexOf(sep, i);
    const e = j < 0 ? b.length : j;
    onRecord(i, e, ++n);
    i = e + sep.length;
  }
}

const BLACKLIST = new Set(["utf-16", "utf-32"]);

/** The files' encoding (encoding, or its alias charset), lower-cased; Spark's requirements checked. */
function encodingOf(o: FormatOptions): string {
  const raw = (o.encoding ?? o.charset) as string | undefined;
  if (raw === undefined) return "utf-8";
  const enc = raw.trim().toLowerCase().replace(/^utf8$/, "utf-8");
  if (enc === "utf-8") return enc;
  if (o.multiLine !== true) {
    if (BLACKLIST.has(enc)) {
      throw userError("JSON_ENCODING_NEEDS_LINE_SEP",
        `requirement failed: The ${raw} encoding must not be included in the blacklist when multiLine is disabled: blacklist: UTF-16, UTF-32`,
        { hint: "Name the byte order (UTF-16LE, UTF-16BE) and set lineSep, or read with multiLine." });
    }
    if (o.lineSep === undefined) {
      throw userError("JSON_ENCODING_NEEDS_LINE_SEP", `requirement failed: The lineSep option must be specified for the ${raw} encoding`,
        { hint: 'Add .option("lineSep", "\\n") (the separator as it is written in that encoding is found after decoding).' });
    }
  }
  return enc;
}

function decodeCharset(bytes: Uint8Array, enc: string): string {
  if (enc === "iso-8859-1" || enc === "latin1") return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  if (enc === "us-ascii" || enc === "ascii") return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(enc as ConstructorParameters<typeof TextDecoder>[0]);
  } catch {
    throw userError("UNSUPPORTED_CHARSET", `The charset ${enc} is not supported.`, {
      hint: "Use UTF-8, UTF-16LE, UTF-16BE, ISO-8859-1 or another encoding the WHATWG Encoding standard names.",
    });
  }
  return decoder.decode(bytes);
}

/** Parses a file's records (lines, or the whole text with multiLine) into rows appended to `out`; returns the last line number read. */
type FileParser = (file: ListedFile, bytes: Uint8Array, out: Row[], firstLine: number) => number;

function jsonReader(schema: StructType, o: FormatOptions, ctx: FormatContext, scan?: ScanNeeds): (file: ListedFile) => Row[] {
  const parse = jsonParser(schema, o, ctx, scan);
  return (file) => {
    const out: Row[] = [];
    parse(file, readBytes(file.path), out, 0);
    return out;
  };
}

/**
 * The same rows a block of lines at a time (blocks of about LINE_BLOCK_BYTES, cut after a "\n"), so
 * a file's rows are never all held at once. multiLine, lineSep and other encodings read the file whole.
 */
function jsonPieces(schema: StructType, o: FormatOptions, ctx: FormatContext, scan?: ScanNeeds): (file: ListedFile, maxRows: number) => Iterable<Row[]> {
  const parse = jsonParser(schema, o, ctx, scan);
  const whole = o.multiLine === true || (typeof o.lineSep === "string" && o.lineSep !== "") || encodingOf(o) !== "utf-8";
  return function* (file) {
    let line = 0;
    for (const block of whole ? [readBytes(file.path)] : fileLineBlocks(file.path, LINE_BLOCK_BYTES)) {
      const out: Row[] = [];
      line = parse(file, block, out, line);
      if (out.length > 0) yield out;
    }
  };
}

/**
 * Parses `bytes` (a whole file, or a block of its lines) into rows appended to `out`; line numbers
 * in errors count on from `firstLine`. With the scan's columns only those fields are converted (the
 * others are null), as Spark's JSON reader parses only the required schema; with a corrupt-record
 * column every field is, so a record's corruption does not depend on the columns read.
 */
function jsonParser(schema: StructType, o: FormatOptions, ctx: FormatContext, scan?: ScanNeeds): FileParser {
  const mode = parseMode(o.mode, ctx.log);
  const corrupt = corruptColumnIndex(schema, corruptColumnName(o, ctx));
  encodingOf(o);
  // The parser reads the data columns (the scan's, without a corrupt column); FailureSafeParser
  // puts the record's text in the corrupt one.
  const only = corrupt < 0 ? scan?.columns : undefined;
  const readIdx = schema.fields.flatMap((f, i) => (i !== corrupt && (only === undefined || only.has(f.name)) ? [i] : []));
  const co = convertOptions(o, ctx);
  // Plain records straight into rows of the full width; the exact reader takes every other one.
  // Filters pushed into the scan skip records as Spark's JsonFilters does (spark.sql.json.filterPushdown.enabled).
  const filters = ctx.conf("spark.sql.json.filterPushdown.enabled")?.trim().toLowerCase() === "false" ? undefined : scan?.filters;
  const fast = fastRecordReader(schema, co, schema.fields.map((_, i) => readIdx.includes(i)), filters);
  const read = recordReader(new StructType(readIdx.map((i) => schema.fields[i]!)), co, true, filters);
  const width = schema.fields.length;
  const whole = readIdx.length === width;
  const widen = (r: unknown[]): Row => {
    if (whole) return r;
    const row = new Array(width).fill(null);
    for (let j = 0; j < readIdx.length; j++) row[readIdx[j]!] = r[j];
    return row;
  };

  return (file, bytes, out, firstLine) => {
    let last = firstLine;
    forEachRecord(bytes, o, (text, blockLine, decodedLikeJackson, cut) => {
      const lineNo = firstLine + blockLine;
      last = lineNo;
      if (fast !== undefined && !decodedLikeJackson) {
        const row = fast(text);
        if (row !== undefined) {
          if (row !== null) out.push(row);
          return;
        }
      }
      // The corrupt column keeps a copy: a slice would keep the whole block of lines alive.
      const shown = () => (corrupt >= 0 && cut.length > 0 ? JSON.parse(JSON.stringify(cut)) as string : cut);
      if (isBlank(text)) return;
      const r = read(text, decodedLikeJackson);
      switch (r.status) {
        case "empty":
          return;
        case "ok":
          for (const row of r.rows) out.push(widen(row));
          return;
        case "bad":
          badRecord(mode, new Array(width).fill(null), corrupt, shown(), file.path, lineNo, out);
          return;
        case "partial":
          // Each row keeps what converted; every row of the record is marked.
          if (mode === "DROPMALFORMED") return;
          if (mode === "FAILFAST") {
            badRecord(mode, widen(r.rows[0]!), corrupt, shown(), file.path, lineNo, out);
            return;
          }
          for (const row of r.rows) badRecord(mode, widen(row), corrupt, shown(), file.path, lineNo, out);
      }
    });
    return last;
  };
}

// ---- schema inference (JsonInferSchema) ----

const byName = (a: StructField, b: StructField) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function withCorruptField(struct: StructType, name: string): StructType {
  if (struct.fieldNames.includes(name)) return struct;
  return new StructType([new StructField(name, STRING, true), ...struct.fields].sort(byName));
}

function inferJson(files: readonly ListedFile[], o: FormatOptions, ctx: FormatContext): StructType | null {
  if (files.length === 0) return null;
  const mode = parseMode(o.mode, ctx.log);
  const corruptName = corruptColumnName(o, ctx);
  const io: InferOptions = {
    primitivesAsString: o.primitivesAsString === true,
    prefersDecimal: o.prefersDecimal === true,
    dropFieldIfAllNull: o.dropFieldIfAllNull === true,
  };
  const cursor = new JsonCursor(convertOptions(o, ctx).features);
  let root = NULL as DataType;
  // JsonInferSchema.compatibleRootType: arrays of records are their element, non-records beside records add the corrupt column.
  const merge = (t: DataType) => {
    if (t.kind === "array") t = t.elementType;
    if (root.kind === "null") root = t;
    else if (t.kind === "null") return;
    else if (root.kind === "struct" && t.kind !== "struct") {
      if (mode === "PERMISSIVE") root = withCorruptField(root, corruptName);
    } else if (t.kind === "struct" && root.kind !== "struct") {
      root = mode === "PERMISSIVE" ? withCorruptField(t, corruptName) : t;
    } else root = compatibleType(root, t);
  };
  for (const file of files) {
    forEachRecord(readBytes(file.path), o, (text, lineNo, decodedLikeJackson, shown) => {
      if (isBlank(text)) return;
      const t = recordType(cursor, text, io, decodedLikeJackson);
      if (t === "empty") return;
      if (t === undefined) {
        if (mode === "FAILFAST") badRecord(mode, [], -1, shown, file.path, lineNo, []);
        if (mode === "PERMISSIVE") merge(new StructType([new StructField(corruptName, STRING, true)]));
        return;
      }
      merge(t);
    });
  }
  if (root.kind !== "struct") root = root.kind === "null" ? new StructType([]) : mode === "PERMISSIVE" ? new StructType([new StructField(corruptName, STRING, true)]) : new StructType([]);
  const c = canonicalize(root, io);
  return c !== null && c.kind === "struct" ? c : new StructType([]);
}

export const jsonFormat: FileFormat = {
  name: "json",
  displayName: "JSON",
  streamingNeedsSchema: true,
  fixedSchema: null,
  checkSchema(schema, o, ctx) {
    corruptColumnIndex(schema, corruptColumnName(o, ctx));
  },
  inferSchema: inferJson,
  reader: jsonReader,
  pieces: jsonPieces,
};
