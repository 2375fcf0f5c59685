// What each file format provides to the shared file source: schema checks, schema inference for
// batch reads, and a reader turning one file into rows of the data schema (partition values are
// appended by the caller). Also the pieces formats share: reading a file's bytes with Spark's
// errors, splitting text into lines, and the parse modes of Spark's FailureSafeParser.
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { gunzipSync, inflateSync } from "node:zlib";
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
  /**
   * Optional: whether pieces() can read a byte range of a file (ListedFile.range) with these options,
   * as Spark's isSplitable: line-delimited text, not compressed.
   */
  splitable?(o: FormatOptions, path: string): boolean;
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

/** Reads a whole file as stored (Parquet: its codecs are inside), with Spark's FAILED_READ_FILE.* errors. */
export function readRawBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw readError(path, e);
  }
}

/** Hadoop's codecs by file extension: those Sluice decompresses, and those it cannot. */
const DECOMPRESS: Record<string, (bytes: Buffer) => Buffer> = { ".gz": gunzipSync, ".deflate": inflateSync };
const OTHER_CODECS = [".bz2", ".lz4", ".snappy", ".zst"];

/**
 * A text format's file (json, csv, text) as Spark's Hadoop reader sees it, with Spark's
 * FAILED_READ_FILE.* errors: decompressed when its extension names a codec (.gz, .deflate), as
 * Spark picks the codec by extension whatever the `compression` option says. Extensions of codecs
 * Sluice lacks are refused, not read as garbage.
 */
export function readBytes(path: string): Buffer {
  const ext = codecExtension(path);
  const bytes = readRawBytes(path);
  if (ext === undefined) return bytes;
  try {
    return DECOMPRESS[ext]!(bytes);
  } catch (e) {
    throw failedReadFile(path, e, `The file's name ends in ${ext} but its content is not ${ext === ".gz" ? "gzip" : "deflate (zlib)"} data: ${(e as Error).message}`);
  }
}

/** The codec extension `path` ends in (.gz, .deflate), if any; throws for codecs Sluice lacks. */
export function codecExtension(path: string): string | undefined {
  const lower = path.toLowerCase();
  const ext = Object.keys(DECOMPRESS).find((e) => lower.endsWith(e));
  if (ext !== undefined) return ext;
  const other = OTHER_CODECS.find((e) => lower.endsWith(e));
  if (other) throw failedReadFile(path, new Error(`no ${other} codec`), `Sluice decompresses .gz and .deflate files, not ${other}: decompress the file (or recompress it with gzip) first.`);
  return undefined;
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

/** Bytes of lines a chunked read parses at a time (cut at a line end): about 7 000 e-commerce events. */
export const LINE_BLOCK_BYTES = 1 << 20;

/**
 * A file's bytes in blocks of about `maxBytes`, read as they are needed (the file is never held
 * whole), each cut just after a "\n" (so \r\n stays whole); a line longer than a block is a
 * block of its own. A block is valid until the next is asked for. A compressed file is one
 * block (decompressed whole).
 */
export function* fileLineBlocks(path: string, maxBytes: number, range?: ByteRange): Generator<Uint8Array> {
  // A compressed file (.gz, .deflate) is decompressed whole, as one block.
  if (codecExtension(path) !== undefined) {
    const bytes = readBytes(path);
    if (bytes.length > 0) yield bytes;
    return;
  }
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw readError(path, e);
  }
  try {
    // The lines of a byte range, as Hadoop's LineRecordReader reads a split: those starting in
    // (start, end] (from 0 for the first), the last one read to its end past `end`.
    let pos = 0, stop = Infinity;
    if (range !== undefined) {
      pos = range.start === 0 ? 0 : newlineAtOrAfter(fd, path, range.start) + 1;
      stop = newlineAtOrAfter(fd, path, range.end) + 1;
      if (pos >= stop) return;
    }
    let buf = Buffer.allocUnsafe(maxBytes);
    let filled = 0;
    let eof = false;
    for (;;) {
      while (!eof && filled < buf.length) {
        let n: number;
        try {
          n = readSync(fd, buf, filled, Math.min(buf.length - filled, stop - pos), pos);
        } catch (e) {
          throw readError(path, e);
        }
        if (n === 0) eof = true;
        filled += n;
        pos += n;
      }
      if (filled === 0) return;
      const nl = eof ? filled - 1 : buf.lastIndexOf(10, filled - 1);
      if (nl < 0) {
        // One line longer than the buffer: grow it and read on.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
        continue;
      }
      yield buf.subarray(0, nl + 1);
      buf.copy(buf, 0, nl + 1, filled);
      filled -= nl + 1;
    }
  } finally {
    closeSync(fd);
  }
}

/** A byte range of a file: [start, end). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** The offset of the first \n at or after `from` (the file's last byte offset if there is none). */
function newlineAtOrAfter(fd: number, path: string, from: number): number {
  const buf = Buffer.allocUnsafe(64 * 1024);
  let pos = from;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, pos);
    } catch (e) {
      throw readError(path, e);
    }
    if (n === 0) return pos - 1;
    const i = buf.subarray(0, n).indexOf(10);
    if (i >= 0) return pos + i;
    pos += n;
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
