// The JSON file format (Spark's JsonFileFormat): one JSON document per line (or per file with
// multiLine), a document being an object (one row) or an array of objects (a row each). Blank
// lines are skipped. Records that do not parse, or whose values do not fit the schema, go through
// the parse mode. Batch reads infer the schema as JsonInferSchema does: fields sorted by name,
// integers as bigint, other numbers as double, conflicting types as string.
import { compileDatetimePattern, parseJson, ArrayType, BOOLEAN, DecimalType, DOUBLE, LONG, NULL, STRING, StructField, StructType, type JsonNode, type Row, type DataType } from "sluice/plugin-sdk";
import type { ListedFile } from "./list_files.ts";
import {
  badRecord, corruptColumnIndex, type FileFormat, type FormatContext, type FormatOptions, fileLineBlocks, forEachLine, LINE_BLOCK_BYTES, parseMode,
  readBytes, type ScanNeeds,
} from "./format.ts";
import { type ConvertState, type JsonConvertOptions, JsonNumber, parseJsonExact, structBuilder } from "./json_convert.ts";

export const DEFAULT_CORRUPT_COLUMN = "_corrupt_record";

export function corruptColumnName(o: FormatOptions, ctx: FormatContext): string {
  return (o.columnNameOfCorruptRecord as string | undefined) ?? ctx.conf("spark.sql.columnNameOfCorruptRecord") ?? DEFAULT_CORRUPT_COLUMN;
}

/** Jackson reads the first value of a text and ignores what follows; JSON.parse refuses that. */
function nodeValue(n: JsonNode): unknown {
  switch (n.t) {
    case "obj": {
      const o: Record<string, unknown> = {};
      for (const [k, v] of n.entries) o[k] = nodeValue(v);
      return o;
    }
    case "arr": return n.items.map(nodeValue);
    case "str": return n.v;
    case "num": return new JsonNumber(n.text, Number(n.text));
    case "bool": return n.v;
    case "null": return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof JsonNumber);

const isBlank = (s: string) => s.length === 0 || (s.charCodeAt(0) <= 32 && s.trim() === "");

/** The parsed document, or undefined when the text is not JSON. */
function parseDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      const node = parseJson(text);
      return node === null ? undefined : nodeValue(node);
    } catch {
      return undefined;
    }
  }
}

function convertOptions(o: FormatOptions, ctx: FormatContext): JsonConvertOptions {
  const pattern = (key: string) => (typeof o[key] === "string" ? compileDatetimePattern(o[key] as string, true) : null);
  return {
    zone: ctx.zone,
    timestampFormat: pattern("timestampFormat"),
    timestampNTZFormat: pattern("timestampNTZFormat"),
    dateFormat: pattern("dateFormat"),
  };
}

/** Parses a file's documents (lines, or the whole text with multiLine) into rows, appended to `out`. */
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
 * The same rows a block of lines at a time (blocks of about LINE_BLOCK_BYTES, cut at line ends),
 * so a file's rows are never all held at once. A multiLine file is one piece.
 */
function jsonPieces(schema: StructType, o: FormatOptions, ctx: FormatContext, scan?: ScanNeeds): (file: ListedFile, maxRows: number) => Iterable<Row[]> {
  const parse = jsonParser(schema, o, ctx, scan);
  const whole = o.multiLine === true || (typeof o.lineSep === "string" && o.lineSep !== "");
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
 * in errors count on from `firstLine`. Returns the number of the last line read. With the scan's
 * columns only those fields are converted (the others are null), as Spark's JSON reader parses
 * only the required schema; with a corrupt-record column every field is, so a record's corruption
 * does not depend on the columns read.
 */
function jsonParser(schema: StructType, o: FormatOptions, ctx: FormatContext, scan?: ScanNeeds): FileParser {
  const mode = parseMode(o.mode, ctx.log);
  const corrupt = corruptColumnIndex(schema, corruptColumnName(o, ctx));
  const build = structBuilder(schema, convertOptions(o, ctx), corrupt < 0 ? scan?.columns : undefined);
  const width = schema.fields.length;
  const multiLine = o.multiLine === true;
  const lineSep = typeof o.lineSep === "string" ? o.lineSep : undefined;
  const state: ConvertState = { bad: false, needExact: false };

  return (file, bytes, out, firstLine) => {
    let last = firstLine;
    /** Rows of one document; null when the document is malformed as a whole. */
    const convert = (doc: unknown, exact: boolean, rows: Row[]): "ok" | "bad" | "partial" | "exact" => {
      const objects = isObject(doc) ? [doc] : Array.isArray(doc) ? doc : null;
      if (objects === null || !objects.every(isObject)) return "bad";
      let partial = false;
      for (const obj of objects) {
        state.bad = false;
        state.needExact = false;
        const row = build(obj as Record<string, unknown>, state);
        if (state.needExact && !exact) return "exact";
        if (corrupt >= 0) row[corrupt] = null;
        if (state.bad) partial = true;
        rows.push(row);
      }
      return partial ? "partial" : "ok";
    };
    const record = (text: string, blockLine: number) => {
      const lineNo = firstLine + blockLine;
      last = lineNo;
      if (isBlank(text)) return;
      let doc = parseDocument(text);
      if (doc === undefined) {
        badRecord(mode, new Array(width).fill(null), corrupt, text, file.path, lineNo, out);
        return;
      }
      // The common case: one object that converts cleanly.
      if (isObject(doc)) {
        state.bad = false;
        state.needExact = false;
        const row = build(doc, state);
        if (!state.bad && !state.needExact) {
          if (corrupt >= 0) row[corrupt] = null;
          out.push(row);
          return;
        }
      }
      let rows: Row[] = [];
      let result = convert(doc, false, rows);
      if (result === "exact") {
        doc = parseJsonExact(text);
        rows = [];
        result = convert(doc, true, rows);
      }
      if (result === "ok") {
        for (const r of rows) out.push(r);
      } else if (result === "bad") {
        badRecord(mode, new Array(width).fill(null), corrupt, text, file.path, lineNo, out);
      } else {
        // Partial results: each row keeps what converted; every row of the record is marked.
        if (mode === "DROPMALFORMED") return;
        if (mode === "FAILFAST") {
          badRecord(mode, rows[0]!, corrupt, text, file.path, lineNo, out);
          return;
        }
        for (const r of rows) badRecord(mode, r, corrupt, text, file.path, lineNo, out);
      }
    };
    if (multiLine) record(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"), 1);
    else forEachLine(bytes, lineSep, record);
    return last;
  };
}

// ---- schema inference (JsonInferSchema) ----

const byName = (a: StructField, b: StructField) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function inferValue(v: unknown, primitivesAsString: boolean, prefersDecimal: boolean): DataType {
  if (v === null || v === undefined) return NULL;
  if (typeof v === "string") return STRING;
  if (typeof v === "boolean") return primitivesAsString ? STRING : BOOLEAN;
  if (typeof v === "number" || v instanceof JsonNumber) {
    if (primitivesAsString) return STRING;
    const text = v instanceof JsonNumber ? v.text : String(v);
    if (/^-?\d+$/.test(text)) {
      const b = BigInt(text);
      if (b >= -9223372036854775808n && b <= 9223372036854775807n) return LONG;
      const digits = text.replace("-", "").length;
      return digits <= 38 ? new DecimalType(digits, 0) : DOUBLE;
    }
    if (prefersDecimal) {
      const m = /^-?(\d+)\.?(\d*)$/.exec(text);
      if (m) {
        const intDigits = m[1]!.replace(/^0+/, "").length;
        const scale = m[2]!.length;
        const precision = Math.max(intDigits + scale, scale, 1);
        if (precision <= 38) return new DecimalType(precision, scale);
      }
    }
    return DOUBLE;
  }
  if (Array.isArray(v)) {
    let el: DataType = NULL;
    for (const x of v) el = compatibleType(el, inferValue(x, primitivesAsString, prefersDecimal));
    return new ArrayType(el, true);
  }
  const fields = Object.keys(v as object).map((k) =>
    new StructField(k, inferValue((v as Record<string, unknown>)[k], primitivesAsString, prefersDecimal), true)
  );
  // Duplicate keys: the last one wins, as when reading.
  const unique = new Map(fields.map((f) => [f.name, f]));
  return new StructType([...unique.values()].sort(byName));
}

/** JsonInferSchema.compatibleType. */
export function compatibleType(a: DataType, b: DataType): DataType {
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (a.equals(b)) return a;
  const numeric = (t: DataType) => t.kind === "long" || t.kind === "double" || t.kind === "decimal";
  if (numeric(a) && numeric(b)) {
    if (a.kind === "double" || b.kind === "double") return DOUBLE;
    const da = a.kind === "decimal" ? a : new DecimalType(20, 0);
    const db = b.kind === "decimal" ? b : new DecimalType(20, 0);
    const scale = Math.max(da.scale, db.scale);
    const range = Math.max(da.precision - da.scale, db.precision - db.scale);
    return range + scale > 38 ? DOUBLE : new DecimalType(range + scale, scale);
  }
  if (a.kind === "struct" && b.kind === "struct") {
    const merged = new Map<string, StructField>();
    for (const f of a.fields) merged.set(f.name, f);
    for (const f of b.fields) {
      const prior = merged.get(f.name);
      merged.set(f.name, prior ? new StructField(f.name, compatibleType(prior.dataType, f.dataType), true) : f);
    }
    return new StructType([...merged.values()].sort(byName));
  }
  if (a.kind === "array" && b.kind === "array") return new ArrayType(compatibleType(a.elementType, b.elementType), true);
  return STRING;
}

/** NullType becomes string; empty nested structs are dropped (canonicalizeType). */
function canonicalize(t: DataType): DataType | null {
  switch (t.kind) {
    case "null": return STRING;
    case "array": {
      const el = canonicalize(t.elementType);
      return el === null ? null : new ArrayType(el, true);
    }
    case "struct": {
      const fields = t.fields.flatMap((f) => {
        const c = canonicalize(f.dataType);
        return c === null || f.name === "" ? [] : [new StructField(f.name, c, true)];
      });
      return fields.length > 0 ? new StructType(fields) : null;
    }
    default: return t;
  }
}

function withCorruptField(struct: StructType, name: string): StructType {
  if (struct.fieldNames.includes(name)) return struct;
  return new StructType([new StructField(name, STRING, true), ...struct.fields].sort(byName));
}

function inferJson(files: readonly ListedFile[], o: FormatOptions, ctx: FormatContext): StructType | null {
  if (files.length === 0) return null;
  const mode = parseMode(o.mode, ctx.log);
  const corruptName = corruptColumnName(o, ctx);
  const primitivesAsString = o.primitivesAsString === true;
  const prefersDecimal = o.prefersDecimal === true;
  let root = NULL as DataType;
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
    const record = (text: string, lineNo: number) => {
      if (isBlank(text)) return;
      const doc = parseDocument(text);
      if (doc === undefined) {
        if (mode === "FAILFAST") badRecord(mode, [], -1, text, file.path, lineNo, []);
        if (mode === "PERMISSIVE") merge(new StructType([new StructField(corruptName, STRING, true)]));
        return;
      }
      merge(inferValue(doc, primitivesAsString, prefersDecimal));
    };
    const bytes = readBytes(file.path);
    if (o.multiLine === true) record(bytes.toString("utf8"), 1);
    else forEachLine(bytes, typeof o.lineSep === "string" ? o.lineSep : undefined, record);
  }
  if (root.kind !== "struct") root = root.kind === "null" ? new StructType([]) : mode === "PERMISSIVE" ? new StructType([new StructField(corruptName, STRING, true)]) : new StructType([]);
  const c = canonicalize(root);
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
