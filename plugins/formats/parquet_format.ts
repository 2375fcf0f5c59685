// The Parquet file format, read with hyparquet's synchronous page decoders (so batch actions can
// stay synchronous). The Spark schema stored in the file (org.apache.spark.sql.parquet.row.metadata)
// gives the exact types; otherwise the Parquet schema is converted as Spark's
// ParquetToSparkSchemaConverter does. Columns are matched by name, ignoring case; a column the
// file lacks reads as null. Values come out in the engine representation (timestamps in micros,
// dates in days, decimals as unscaled bigints, structs as arrays, maps as Maps).
import { zstdDecompressSync, gunzipSync } from "node:zlib";
import { parquetMetadata, parquetSchema } from "hyparquet";
import type { FileMetaData, SchemaElement, SchemaTree } from "hyparquet";
import { readColumn } from "hyparquet/src/column.js";
import { assembleNested } from "hyparquet/src/assemble.js";
import { DEFAULT_PARSERS } from "hyparquet/src/convert.js";
import { getTreePath } from "hyparquet/src/schema.js";
import { ArrayType, BINARY, BOOLEAN, BYTE, DATE, DecimalType, DOUBLE, FLOAT, INT, LONG, longFromBigInt, longFromDigits, MapType, SHORT, toCanonicalLong, STRING, StructField, StructType, TIMESTAMP, TIMESTAMP_NTZ, type Row, type DataType, type SourceFilter } from "sluice/plugin-sdk";
import { cannotReadFooter, failedReadFile } from "./errors.ts";
import type { ListedFile } from "./list_files.ts";
import { asNullable, SPARK_ROW_METADATA_KEY, schemaFromJson } from "./spark_schema_json.ts";
import type { FileFormat, ScanNeeds } from "./format.ts";
import { readRawBytes } from "./format.ts";

/** Values as the engine holds them: micros for timestamps, days for dates. */
const PARSERS = {
  ...DEFAULT_PARSERS,
  timestampFromMilliseconds: (v: bigint | number) => Number(v) * 1000,
  timestampFromMicroseconds: (v: bigint | number) => Number(v),
  timestampFromNanoseconds: (v: bigint | number) => Number(BigInt(v) / 1000n),
  dateFromDays: (d: number) => d,
};

const COMPRESSORS = {
  GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)),
  ZSTD: (input: Uint8Array) => new Uint8Array(zstdDecompressSync(input)),
};

interface OpenFile {
  buffer: ArrayBuffer;
  metadata: FileMetaData;
}

function openFile(path: string): OpenFile {
  const bytes = readRawBytes(path);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    return { buffer, metadata: parquetMetadata(buffer) };
  } catch (e) {
    throw cannotReadFooter(path, e);
  }
}

/** The Spark schema of a Parquet file. */
export function parquetFileSchema(metadata: FileMetaData): StructType {
  const kv = metadata.key_value_metadata?.find((k) => k.key === SPARK_ROW_METADATA_KEY);
  if (kv?.value) {
    try {
      return schemaFromJson(kv.value);
    } catch {
      // Fall back to the Parquet schema.
    }
  }
  const tree = parquetSchema(metadata);
  return new StructType(tree.children.map((c) => new StructField(c.element.name, convertNode(c), true)));
}

function isRepeated(e: SchemaElement) {
  return e.repetition_type === "REPEATED";
}

/** ParquetToSparkSchemaConverter for one node. */
function convertNode(node: SchemaTree): DataType {
  const e = node.element;
  const inner = convertNodeInner(node);
  return isRepeated(e) && node.children.length === 0 ? new ArrayType(inner, false) : inner;
}

function convertNodeInner(node: SchemaTree): DataType {
  const e = node.element;
  const lt = e.logical_type;
  const ct = e.converted_type;
  if (node.children.length > 0) {
    if (ct === "LIST" || lt?.type === "LIST") {
      const repeated = node.children[0]!;
      // 3-level lists: repeated group with one child is the wrapper; otherwise the repeated node is the element.
      const element = repeated.children.length === 1 && repeated.element.name !== "array" && !repeated.element.name.endsWith("_tuple")
        ? repeated.children[0]!
        : repeated;
      const elType = element === repeated && repeated.children.length === 0 ? convertNodeInner(repeated) : convertNode(element);
      return new ArrayType(elType, element !== repeated && element.element.repetition_type !== "REQUIRED");
    }
    if (ct === "MAP" || ct === "MAP_KEY_VALUE" || lt?.type === "MAP") {
      const kv = node.children[0]!;
      const [k, v] = kv.children;
      return new MapType(convertNode(k!), v ? convertNode(v) : STRING, v ? v.element.repetition_type !== "REQUIRED" : true);
    }
    return new StructType(node.children.map((c) => new StructField(c.element.name, convertNode(c), c.element.repetition_type !== "REQUIRED")));
  }
  if (ct === "DECIMAL" || lt?.type === "DECIMAL") return new DecimalType(e.precision ?? 10, e.scale ?? 0);
  switch (e.type) {
    case "BOOLEAN": return BOOLEAN;
    case "INT32":
      if (ct === "DATE" || lt?.type === "DATE") return DATE;
      if (ct === "INT_8") return BYTE;
      if (ct === "INT_16" || ct === "UINT_8") return SHORT;
      if (ct === "UINT_16") return INT;
      if (ct === "UINT_32") return LONG;
      if (lt?.type === "INTEGER") return lt.bitWidth === 8 ? (lt.isSigned ? BYTE : SHORT) : lt.bitWidth === 16 ? (lt.isSigned ? SHORT : INT) : lt.isSigned ? INT : LONG;
      return INT;
    case "INT64":
      if (lt?.type === "TIMESTAMP") return lt.isAdjustedToUTC ? TIMESTAMP : TIMESTAMP_NTZ;
      if (ct === "TIMESTAMP_MICROS" || ct === "TIMESTAMP_MILLIS") return TIMESTAMP;
      if (ct === "UINT_64" || (lt?.type === "INTEGER" && !lt.isSigned)) return new DecimalType(20, 0);
      return LONG;
    case "INT96": return TIMESTAMP;
    case "FLOAT": return FLOAT;
    case "DOUBLE": return DOUBLE;
    case "BYTE_ARRAY":
      return ct === "UTF8" || ct === "ENUM" || ct === "JSON" || lt?.type === "STRING" || lt?.type === "ENUM" || lt?.type === "JSON" ? STRING : BINARY;
    case "FIXED_LEN_BYTE_ARRAY": return BINARY;
    default: return BINARY;
  }
}

/** A decimal's unscaled value from its physical form (int32, int64, big-endian two's complement bytes). */
function unscaled(v: unknown): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number") return BigInt(v);
  const bytes = v as Uint8Array;
  let x = 0n;
  for (const b of bytes) x = (x << 8n) | BigInt(b);
  if (bytes.length > 0 && bytes[0]! & 0x80) x -= 1n << BigInt(bytes.length * 8);
  return x;
}

/** Converts an assembled hyparquet value to the engine representation of `t`. */
function toEngine(v: unknown, t: DataType): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case "long":
      // INT64 arrives as a bigint: keep all 64 bits (a number only within 2^53, types/long.ts).
      return typeof v === "bigint" ? longFromBigInt(v) : toCanonicalLong(v);
    case "int": case "short": case "byte":
      return typeof v === "bigint" ? Number(v) : v;
    case "float": return Math.fround(Number(v));
    case "double": return Number(v);
    case "decimal": return unscaled(v);
    case "timestamp": case "timestamp_ntz":
      return v instanceof Date ? v.getTime() * 1000 : Number(v);
    case "date": return v instanceof Date ? Math.floor(v.getTime() / 86_400_000) : Number(v);
    case "string": return typeof v === "string" ? v : v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v);
    case "binary": return v instanceof Uint8Array ? v : typeof v === "string" ? new TextEncoder().encode(v) : v;
    case "array": {
      const a = v as unknown[];
      return Array.from(a, (x) => toEngine(x, t.elementType));
    }
    case "map": {
      const m = new Map<unknown, unknown>();
      if (v instanceof Map) for (const [k, x] of v) m.set(toEngine(k, t.keyType), toEngine(x, t.valueType));
      else for (const [k, x] of Object.entries(v as object)) m.set(mapKey(k, t.keyType), toEngine(x, t.valueType));
      return m;
    }
    case "struct": {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      return t.fields.map((f) => {
        const key = f.name in o ? f.name : keys.find((k) => k.toLowerCase() === f.name.toLowerCase());
        return key === undefined ? null : toEngine(o[key], f.dataType);
      });
    }
    default: return v;
  }
}

/** hyparquet assembles maps as objects, so keys arrive as text. */
function mapKey(k: string, t: DataType): unknown {
  switch (t.kind) {
    case "long": return longFromDigits(k) ?? Number(k);
    case "int": case "short": case "byte": case "float": case "double": case "date": case "timestamp": return Number(k);
    case "boolean": return k === "true";
    case "decimal": return BigInt(k);
    default: return k;
  }
}

/** Strips the DECIMAL annotation so hyparquet hands over the exact physical value (it would make a double). */
function decoderElement(e: SchemaElement): SchemaElement {
  if (e.converted_type === "DECIMAL" || e.logical_type?.type === "DECIMAL") {
    const { converted_type: _c, logical_type: _l, ...rest } = e;
    return rest as SchemaElement;
  }
  return e;
}

/** Reads every row of one file, as `schema` (matched by column name). */
function readParquet(file: ListedFile, schema: StructType, scan?: ScanNeeds): Row[] {
  const rows: Row[] = [];
  for (const group of rowGroups(file, schema, scan)) for (const r of group) rows.push(r);
  return rows;
}

/**
 * The rows of one file a row group at a time. Only the columns the scan needs are decoded (the
 * others are null), and a row group whose statistics show no row can meet the scan's filters is
 * skipped unread.
 */
function* rowGroups(file: ListedFile, schema: StructType, scan?: ScanNeeds): Generator<Row[]> {
  const { buffer, metadata } = openFile(file.path);
  const tree = parquetSchema(metadata);
  const top = tree.children;
  // For each requested field: the file's top-level node (case-insensitive), or undefined (null).
  const nodes = schema.fields.map((f) => {
    if (scan?.columns && !scan.columns.has(f.name)) return undefined;
    return top.find((c) => c.element.name === f.name) ?? top.find((c) => c.element.name.toLowerCase() === f.name.toLowerCase());
  });
  for (const group of metadata.row_groups) {
    let rows: Row[];
    try {
      if (scan?.filters && !mayMatch(scan.filters, group, schema, nodes)) continue;
      rows = readGroup(buffer, tree, group, schema, nodes);
    } catch (e) {
      throw failedReadFile(file.path, e);
    }
    yield rows;
  }
}

type RowGroup = FileMetaData["row_groups"][number];

function readGroup(buffer: ArrayBuffer, tree: SchemaTree, group: RowGroup, schema: StructType, nodes: (SchemaTree | undefined)[]): Row[] {
  const groupRows = Number(group.num_rows);
  const columns: unknown[][] = schema.fields.map(() => []);
  for (let fi = 0; fi < nodes.length; fi++) {
    const node = nodes[fi];
    if (node === undefined) continue;
    const name = node.element.name;
    const chunks = group.columns.filter((c) => c.meta_data?.path_in_schema[0] === name);
    const sub = new Map<string, unknown[]>();
    for (const chunk of chunks) {
      const meta = chunk.meta_data!;
      const schemaPath = getTreePath(tree, meta.path_in_schema);
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      const end = start + Number(meta.total_compressed_size);
      const reader = { view: new DataView(buffer, start, end - start), offset: 0 };
      const decoder = {
        pathInSchema: meta.path_in_schema,
        type: meta.type,
        element: decoderElement(schemaPath[schemaPath.length - 1]!.element),
        schemaPath,
        codec: meta.codec,
        parsers: PARSERS,
        compressors: COMPRESSORS,
        utf8: false,
      };
      const { data } = readColumn(reader, { groupStart: 0, selectStart: 0, selectEnd: groupRows, groupRows } as never, decoder as never, undefined);
      const flat: unknown[] = [];
      for (const d of data) for (let i = 0; i < d.length; i++) flat.push(d[i]);
      sub.set(meta.path_in_schema.join("."), flat);
    }
    if (node.children.length > 0) assembleNested(sub as never, node, PARSERS as never);
    const values = sub.get(name);
    const t = schema.fields[fi]!.dataType;
    const out = columns[fi]!;
    if (values !== undefined) for (let i = 0; i < groupRows; i++) out.push(toEngine(values[i], t));
  }
  const rows: Row[] = new Array(groupRows);
  for (let r = 0; r < groupRows; r++) {
    const row = new Array(schema.fields.length);
    for (let c = 0; c < schema.fields.length; c++) {
      const col = columns[c]!;
      row[c] = col.length > 0 ? col[r] : null;
    }
    rows[r] = row;
  }
  return rows;
}

/** Column statistics as a filter can use them: bounds in the engine's terms, or nothing known. */
interface Bounds {
  min?: number | bigint | string | boolean;
  max?: number | bigint | string | boolean;
  nulls?: number;
  rows: number;
}

/**
 * Whether a row group may hold a row meeting every filter, from its statistics. Only what the
 * statistics show for certain rules a group out: numbers and booleans, ASCII strings (their order
 * is the same in Parquet's bytes and in JavaScript); for anything else the group is read.
 */
function mayMatch(filters: readonly SourceFilter[], group: RowGroup, schema: StructType, nodes: (SchemaTree | undefined)[]): boolean {
  const bounds = (column: string): Bounds | undefined => {
    const fi = schema.fields.findIndex((f) => f.name === column);
    const node = fi < 0 ? undefined : nodes[fi] ?? undefined;
    if (!node || node.children.length > 0) return undefined;
    const chunk = group.columns.find((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === node.element.name);
    const stats = chunk?.meta_data?.statistics;
    if (!stats) return undefined;
    const kind = schema.fields[fi]!.dataType.kind;
    const usable = (v: unknown): number | bigint | string | boolean | undefined => {
      switch (kind) {
        case "byte": case "short": case "int": case "long": case "float": case "double":
          return typeof v === "number" || typeof v === "bigint" ? v : undefined;
        case "boolean":
          return typeof v === "boolean" ? v : undefined;
        case "string":
          return typeof v === "string" && ASCII.test(v) ? v : undefined;
        default:
          return undefined;
      }
    };
    const nulls = stats.null_count === undefined ? undefined : Number(stats.null_count);
    return { min: usable(stats.min_value ?? stats.min), max: usable(stats.max_value ?? stats.max), nulls, rows: Number(group.num_rows) };
  };
  return filters.every((f) => filterMayMatch(f, bounds));
}

const ASCII = /^[\x00-\x7f]*$/;

/** Whether a filter's value can be compared with a statistic: both numbers (or bigints), both ASCII strings, both booleans. */
function comparable(v: unknown, stat: unknown): v is number | bigint | string | boolean {
  const numeric = (x: unknown) => typeof x === "number" || typeof x === "bigint";
  if (numeric(v) && numeric(stat)) return true;
  if (typeof v === "string" && typeof stat === "string") return ASCII.test(v);
  return typeof v === "boolean" && typeof stat === "boolean";
}

function filterMayMatch(f: SourceFilter, bounds: (column: string) => Bounds | undefined): boolean {
  switch (f.kind) {
    case "and":
      return filterMayMatch(f.left, bounds) && filterMayMatch(f.right, bounds);
    case "or":
      return filterMayMatch(f.left, bounds) || filterMayMatch(f.right, bounds);
    case "not":
      return true;
    case "isNull": {
      const b = bounds(f.column);
      return b?.nulls === undefined || b.nulls > 0;
    }
    case "isNotNull": {
      const b = bounds(f.column);
      return b?.nulls === undefined || b.nulls < b.rows;
    }
    default: {
      const b = bounds(f.column);
      const v = f.value;
      if (b === undefined || !comparable(v, b.min ?? b.max)) return true;
      const { min, max } = b;
      switch (f.kind) {
        case "=": case "<=>": return (min === undefined || min <= v) && (max === undefined || v <= max);
        case "<": return min === undefined || min < v;
        case "<=": return min === undefined || min <= v;
        case ">": return max === undefined || max > v;
        case ">=": return max === undefined || max >= v;
      }
    }
  }
}

export const parquetFormat: FileFormat = {
  name: "parquet",
  displayName: "Parquet",
  streamingNeedsSchema: true,
  fixedSchema: null,
  checkSchema() {},
  inferSchema(files, o) {
    if (files.length === 0) return null;
    const pick = o.mergeSchema === true ? files : [files[0]!];
    let merged = null as StructType | null;
    for (const f of pick) {
      const s = asNullable(parquetFileSchema(openFile(f.path).metadata)) as StructType;
      if (merged === null) merged = s;
      else {
        const names: Set<string> = new Set(merged.fieldNames);
        merged = new StructType([...merged.fields, ...s.fields.filter((x: StructField) => !names.has(x.name))]);
      }
    }
    return merged;
  },
  reader(schema, _o, _ctx, scan) {
    return (file) => readParquet(file, schema, scan);
  },
  pieces(schema, _o, _ctx, scan) {
    return (file) => rowGroups(file, schema, scan);
  },
};
