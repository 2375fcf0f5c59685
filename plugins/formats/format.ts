// What each file format provides to the shared file source: schema checks, schema inference for
// batch reads, and a reader turning one file into rows of the data schema (partition values are
// appended by the caller). Also the pieces formats share: reading a file's bytes with Spark's
// errors, splitting text into lines, and the parse modes of Spark's FailureSafeParser.
import { readFileSync } from "node:fs";
import type { Logger, Row, SourceFilter, TimeZone, StructType } from "sluice/plugin-sdk";
import { failedReadFile, invalidCorruptRecordType, malformedRecord, readError } from "./errors.ts";
import type { ListedFile } from "./list_files.ts";

export interface FormatContext {
  zone: TimeZone;
  zoneId: string;
  log: Logger;
  conf(key: string): string | undefined;
}

/** Format options, keys as the options schema spells them. */
export type FormatOptions = Record<string, unknown>;

export interface FileFormat {
  /** The plugin name: json, csv, text, parquet. */
  readonly name: string;
  /** How Spark names the format in messages: JSON, CSV, Text, Parquet. */
  readonly displayName: string;
  /** False for text, whose schema is fixed: readStream needs no .schema(...). */
  readonly streamingNeedsSchema: boolean;
  /** The schema used when the user gives none and no file can be read (null: UNABLE_TO_INFER_SCHEMA). */
  readonly fixedSchema: StructType | null;
  /** Throws Spark's error if the format cannot read `schema`. */
  checkSchema(schema: StructType, o: FormatOptions, ctx: FormatContext): void;
  /** The data schema of `files` (batch reads); null when there is nothing to infer from. */
  inferSchema(files: readonly ListedFile[], o: FormatOptions, ctx: FormatContext): StructType | null;
  /** A function reading one file into rows of `schema`; `scan` says what the query needs of it. */
  reader(schema: StructType, o: FormatOptions, ctx: FormatContext, scan?: ScanNeeds): (file: ListedFile) => Row[];
  /**
   * Optional: the same rows a piece at a time (a Parquet row group), so a large file is never held
   * whole; pieces of at most about `maxRows` rows. Formats without it are read a file at a time.
   */
  pieces?(schema: StructType, o: FormatOptions, ctx: FormatContext, scan?: ScanNeeds): (file: ListedFile, maxRows: number) => Iterable<Row[]>;
}

/**
 * What a query needs from a scan (what the optimizer pushed into the source): the data columns it
 * reads — a format may leave the others null — and conditions every kept row meets — a format may
 * skip data that cannot meet them (the query filters again).
 */
export interface ScanNeeds {
  readonly columns?: ReadonlySet<string>;
  readonly filters?: readonly SourceFilter[];
}

/** Reads a whole file, turning file system errors into Spark's FAILED_READ_FILE.* errors. */
export function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw readError(path, e);
  }
}

export type ParseMode = "PERMISSIVE" | "DROPMALFORMED" | "FAILFAST";

/** Spark's ParseMode.fromString: case-insensitive; anything else is PERMISSIVE, with a warning. */
export function parseMode(value: unknown, log: Logger): ParseMode {
  if (value === undefined || value === null) return "PERMISSIVE";
  const m = String(value).toUpperCase();
  if (m === "PERMISSIVE" || m === "DROPMALFORMED" || m === "FAILFAST") return m;
  log.warn(`${String(value)} is not a valid parse mode. Using PERMISSIVE.`);
  return "PERMISSIVE";
}

/** The corrupt-record column's index in `schema`, or -1; it must be a STRING column. */
export function corruptColumnIndex(schema: StructType, name: string): number {
  const i = schema.fields.findIndex((f) => f.name === name);
  if (i >= 0 && schema.fields[i]!.dataType.kind !== "string") throw invalidCorruptRecordType(name, schema.fields[i]!.dataType);
  return i;
}

/**
 * What FailureSafeParser does with a record that did not (fully) parse: PERMISSIVE keeps the
 * partial row with the raw text in the corrupt-record column, DROPMALFORMED drops it, FAILFAST
 * fails the read naming the file and line.
 */
export function badRecord(
  mode: ParseMode,
  row: Row,
  corruptIndex: number,
  raw: string,
  path: string,
  line: number,
  out: Row[],
): void {
  if (mode === "PERMISSIVE") {
    if (corruptIndex >= 0) row[corruptIndex] = raw;
    out.push(row);
  } else if (mode === "FAILFAST") {
    const cause = malformedRecord(raw, `record at line ${line} of ${path}`);
    throw failedReadFile(path, cause, `Caused by: ${cause.message}`);
  }
}

/** Bytes decoded at a time, cut at a line end, so a large file never becomes one huge string. */
export const DECODE_CHUNK_BYTES = 16 * 1024 * 1024;

/**
 * Calls `onLine(text, lineNumber)` for each line of `bytes` split by `lineSep` (default: \n, \r\n
 * or \r, as Hadoop's LineRecordReader). A last line without a terminator counts; no line follows a
 * final terminator.
 */
export function forEachLine(bytes: Uint8Array, lineSep: string | undefined, onLine: (text: string, lineNo: number) => void): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let lineNo = 0;
  if (lineSep !== undefined && lineSep !== "") {
    const text = buf.toString("utf8");
    const parts = text.split(lineSep);
    if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
    for (const p of parts) onLine(p, ++lineNo);
    return;
  }
  let start = 0;
  const n = buf.length;
  while (start < n) {
    let end = Math.min(n, start + DECODE_CHUNK_BYTES);
    if (end < n) {
      const nl = buf.lastIndexOf(10, end - 1);
      end = nl >= start ? nl + 1 : (() => {
        const next = buf.indexOf(10, end);
        return next < 0 ? n : next + 1;
      })();
    }
    const text = buf.toString("utf8", start, end);
    let i = 0;
    const len = text.length;
    // Where the next \r is (-1: none left in this chunk), found once and reused.
    let cr = text.indexOf("\r");
    while (i < len) {
      if (cr >= 0 && cr < i) cr = text.indexOf("\r", i);
      let j = text.indexOf("\n", i);
      if (cr >= 0 && (j < 0 || cr < j)) {
        // A lone \r ends a line too; \r\n is one terminator.
        onLine(text.slice(i, cr), ++lineNo);
        i = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
        continue;
      }
      if (j < 0) j = len;
      onLine(text.slice(i, j), ++lineNo);
      i = j + 1;
    }
    start = end;
  }
}
