// The streaming side of the file sources (Spark's FileStreamSource). Each latestOffset lists the
// path, keeps the files not seen before (and not older than maxFileAge before the newest seen),
// takes them oldest first up to the read limit, and records them in the source log as the next
// log batch: the offset is {"logOffset": N}. getBatch(start, end) reads exactly the files logged
// for batches start+1..end, so a replay or a restart reads the same files, and a file appearing
// later is taken by a later batch.
import { internalError, userError, timeStringAsMs, type ChunkLimit, type InputSplit, type Offset, type ReadLimit, type Row, type SourceReader, type SplitSizing } from "sluice/plugin-sdk";
import { statSync } from "node:fs";
import { basename } from "node:path";
import { committedSinkFiles, hasSinkMetadata } from "../formats/sink_log.ts";
import { logSettings } from "../formats/compactible_log.ts";
import type { FileFormat, FormatOptions, ScanNeeds } from "../formats/format.ts";
import { isGlobPath } from "../formats/glob.ts";
import { type ListedFile, listFiles } from "../formats/list_files.ts";
import type { FileSourceOptions } from "./source_options.ts";
import { partitionRoot } from "../formats/partitioning.ts";
import { fileChunks, type FileRowReader, readFiles } from "./read_files.ts";
import { type FileSplit, type SizedFile, splitFiles } from "./split_files.ts";
import { filterByName, formatContext, type ResolvedSchema, type SourceEnv } from "./resolve_schema.ts";
import { cleanSourceMode, SourceCleaner } from "./source_cleaner.ts";
import { type FileEntry, FileStreamSourceLog } from "../formats/source_log.ts";
import { fromFileUri, qualifiedPath, toFileUri } from "../formats/spark_path.ts";

/** Unselected files kept for the next batches are dropped when fewer than this share of the limit. */
const DISCARD_UNSEEN_INPUT_RATIO = 0.2;
/** At most this many unselected files are kept for the next batches. */
const MAX_CACHED_UNSEEN_FILES = 10_000;

interface NewFile {
  uri: string;
  size: number;
  timestamp: number;
}

/** Spark's SeenFilesMap: the files taken so far, forgetting those maxFileAge older than the newest. */
class SeenFiles {
  readonly #map = new Map<string, number>();
  #latest = 0;
  #lastPurge = 0;
  constructor(private readonly maxAgeMs: number, private readonly nameOnly: boolean) {}

  #key(uri: string): string {
    return this.nameOnly ? basename(fromFileUri(uri)) : uri;
  }
  add(uri: string, timestamp: number): void {
    this.#map.set(this.#key(uri), timestamp);
    if (timestamp > this.#latest) this.#latest = timestamp;
  }
  isNew(uri: string, timestamp: number): boolean {
    return timestamp >= this.#lastPurge && !this.#map.has(this.#key(uri));
  }
  purge(): void {
    this.#lastPurge = this.#latest - this.maxAgeMs;
    for (const [k, t] of this.#map) if (t < this.#lastPurge) this.#map.delete(k);
  }
}

type Limit = { kind: "files"; max: number } | { kind: "bytes"; max: number } | { kind: "all" };

export class FileStreamReader implements SourceReader {
  readonly schema;
  readonly description: string;
  readonly #format: FileFormat;
  readonly #o: FileSourceOptions;
  readonly #resolved: ResolvedSchema;
  readonly #env: SourceEnv;
  readonly #log: FileStreamSourceLog;
  readonly #seen: SeenFiles;
  readonly #cleaner: SourceCleaner | undefined;
  readonly #root: string;
  readonly #readFile: (file: ListedFile) => Row[];
  readonly #readPieces?: (file: ListedFile, maxRows: number) => Iterable<Row[]>;
  #logOffset: number;
  /** Whether the path is a file sink's output (undefined: not known yet). */
  #hasMetadata: boolean | undefined;
  #unread: NewFile[] | null = null;
  #availableNow: NewFile[] | null = null;

  constructor(format: FileFormat, o: FileSourceOptions, resolved: ResolvedSchema, metadataDir: string | undefined, env: SourceEnv, scan?: ScanNeeds) {
    this.#format = format;
    this.#o = o;
    this.#resolved = resolved;
    this.#env = env;
    this.schema = resolved.schema;
    this.description = `FileStreamSource[${qualifiedPath(o.path)}]`;
    this.#root = partitionRoot(o.path);
    this.#cleaner = SourceCleaner.create(cleanSourceMode(o.cleanSource), o.path, o.sourceArchiveDir, env.log);
    this.#hasMetadata = isGlobPath(o.path) ? false : undefined;
    const limited = o.maxFilesPerTrigger !== undefined || o.maxBytesPerTrigger !== undefined;
    const maxAgeMs = o.latestFirst && limited ? Infinity : timeStringAsMs(o.maxFileAge);
    if (o.latestFirst) {
      env.log.warn("'latestFirst' is true. New files will be processed first, which may affect the watermark value. In addition, 'maxFileAge' will be ignored.");
    }
    if (o.fileNameOnly) {
      env.log.warn("'fileNameOnly' is enabled. Make sure your file names are unique (e.g. using UUID), otherwise, files with the same name but under different paths will be considered the same and causes data lost.");
    }
    this.#seen = new SeenFiles(maxAgeMs, o.fileNameOnly);
    this.#log = new FileStreamSourceLog(metadataDir, logSettings(env.conf, "spark.sql.streaming.fileSource.log"));
    this.#logOffset = this.#log.latestBatchId();
    for (const e of this.#log.restore()) this.#seen.add(e.path, e.timestamp);
    this.#seen.purge();
    this.#readFile = format.reader(resolved.dataSchema, o, formatContext(o, env), scan);
    this.#readPieces = format.pieces?.(resolved.dataSchema, o, formatContext(o, env), scan);
  }

  latestOffset(_start: Offset, limit: ReadLimit): Offset {
    const end = this.#fetchMaxOffset(this.#limit(limit));
    return end === -1 ? null : { logOffset: end };
  }

  prepareForTriggerAvailableNow(): Offset {
    this.#availableNow = this.#fetchAllFiles();
    // Where the run ends: the batches the current files make under the default read limit.
    const limit = this.#limit({});
    let pending = this.#availableNow.filter((f) => this.#seen.isNew(f.uri, f.timestamp));
    let unread = this.#unread;
    let end = this.#logOffset;
    const seenUris = new Set<string>();
    for (;;) {
      const candidates = unread ?? pending.filter((f) => !seenUris.has(f.uri));
      const { batch, rest } = select(candidates, limit, this.#o.latestFirst);
      unread = rest;
      if (batch.length === 0) break;
      for (const f of batch) seenUris.add(f.uri);
      end++;
      pending = pending.filter((f) => !seenUris.has(f.uri));
    }
    return end === -1 ? null : { logOffset: end };
  }

  getBatch(start: Offset, end: Offset): Row[] {
    return readFiles(this.#batchFiles(start, end), this.#rowReader());
  }

  /** The same rows a file at a time (a row group at a time for Parquet). */
  readBatch(start: Offset, end: Offset, limit: ChunkLimit): Iterable<Row[]> {
    return fileChunks(this.#batchFiles(start, end), this.#rowReader(), limit.maxRows);
  }

  /** The batch's files cut as Spark cuts them into partitions (plugins/files/split_files.ts), for worker threads. */
  planSplits(start: Offset, end: Offset, sizing: SplitSizing): InputSplit[] {
    const sized: SizedFile[] = [];
    for (const f of this.#batchFiles(start, end)) {
      let size = 0;
      try {
        size = statSync(f.path).size;
      } catch {
        // A file gone since it was listed: readSplit reports it (or skips it with ignoreMissingFiles).
      }
      sized.push({ path: toFileUri(f.path), timestamp: f.mtimeMs, size, splitable: this.#format.splitable?.(this.#o as FormatOptions, f.path) === true });
    }
    return splitFiles(sized, sizing);
  }

  /** The rows of one split planSplits gave (a file at a time, as readBatch). */
  readSplit(split: InputSplit, limit: ChunkLimit): Iterable<Row[]> {
    const files = (split as unknown as FileSplit).files.map((e) => {
      const file = this.#listedFile({ path: e.path, timestamp: e.timestamp, batchId: 0 });
      return e.start === undefined ? file : { ...file, range: { start: e.start, end: e.start + e.length! } };
    });
    return fileChunks(files, this.#rowReader(), limit.maxRows);
  }

  /** The files logged for batches (start, end]. */
  #batchFiles(start: Offset, end: Offset): ListedFile[] {
    const s = start === null ? -1 : logOffsetOf(start);
    const e = logOffsetOf(end);
    if (s > e) throw internalError(`startOffset(${s}) > endOffset(${e}) for ${this.description}`);
    if (s === e) return [];
    return this.#log.filesBetween(s + 1, e).map((x) => this.#listedFile(x));
  }

  #rowReader(): FileRowReader {
    return {
      readFile: this.#readFile,
      readPieces: this.#readPieces,
      partitionSchema: this.#resolved.partitionSchema,
      root: this.#root,
      ctx: formatContext(this.#o, this.#env),
      ignoreMissingFiles: this.#o.ignoreMissingFiles,
    };
  }

  commit(end: Offset): void {
    if (this.#cleaner === undefined || end === null) return;
    const id = logOffsetOf(end);
    if (id < 0) return;
    for (const e of this.#log.filesBetween(id, id)) this.#cleaner.clean(fromFileUri(e.path));
  }

  stop(): void {}

  /** The limit for this trigger: the engine's, else maxFilesPerTrigger, else maxBytesPerTrigger. */
  #limit(limit: ReadLimit): Limit {
    if (limit.maxFiles !== undefined) return Number.isFinite(limit.maxFiles) ? { kind: "files", max: limit.maxFiles } : { kind: "all" };
    if (limit.maxBytes !== undefined) return Number.isFinite(limit.maxBytes) ? { kind: "bytes", max: limit.maxBytes } : { kind: "all" };
    if (this.#o.maxFilesPerTrigger !== undefined) return { kind: "files", max: this.#o.maxFilesPerTrigger };
    if (this.#o.maxBytesPerTrigger !== undefined) return { kind: "bytes", max: this.#o.maxBytesPerTrigger };
    return { kind: "all" };
  }

  #fetchMaxOffset(limit: Limit): number {
    const candidates = this.#unread ?? (this.#availableNow ?? this.#fetchAllFiles()).filter((f) => this.#seen.isNew(f.uri, f.timestamp));
    const { batch, rest } = select(candidates, limit, this.#o.latestFirst);
    this.#unread = rest !== null && rest.length > 0 ? rest.slice(0, MAX_CACHED_UNSEEN_FILES) : null;
    for (const f of batch) this.#seen.add(f.uri, f.timestamp);
    this.#seen.purge();
    if (batch.length > 0) {
      const id = this.#logOffset + 1;
      const entries: FileEntry[] = batch.map((f) => ({ path: f.uri, timestamp: f.timestamp, batchId: id }));
      if (!this.#log.add(id, entries)) {
        throw userError(
          "CONCURRENT_QUERY",
          `Concurrent update to the log. Multiple streaming jobs detected for ${id}`,
          { hint: `Another query is using the same checkpoint (source log ${this.#log.log.dir ?? ""}).` },
        );
      }
      this.#logOffset = id;
    }
    return this.#logOffset;
  }

  /** Every file under the path now, oldest first (newest first with latestFirst). */
  #fetchAllFiles(): NewFile[] {
    let files: ListedFile[];
    if (this.#hasMetadata === undefined) {
      if (hasSinkMetadata(this.#o.path)) {
        this.#setHasMetadata();
        files = committedSinkFiles(this.#o.path);
      } else {
        files = listFiles(this.#o.path, true);
        if (files.length > 0) {
          if (hasSinkMetadata(this.#o.path)) {
            this.#setHasMetadata();
            files = committedSinkFiles(this.#o.path);
          } else this.#hasMetadata = false;
        }
      }
    } else files = this.#hasMetadata ? committedSinkFiles(this.#o.path) : listFiles(this.#o.path, true);
    files = filterByName(files, this.#o.pathGlobFilter);
    const sign = this.#o.latestFirst ? -1 : 1;
    return files
      .map((f) => ({ uri: toFileUri(f.path), size: f.size, timestamp: f.mtimeMs }))
      .sort((a, b) => sign * (a.timestamp - b.timestamp) || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  #setHasMetadata(): void {
    if (this.#cleaner !== undefined) {
      throw userError("FILE_SOURCE_OPTION_INVALID", "Clean up source files is not supported when reading from the output directory of FileStreamSink.");
    }
    this.#hasMetadata = true;
  }

  #listedFile(e: FileEntry): ListedFile {
    return { path: fromFileUri(e.path), size: 0, mtimeMs: e.timestamp, root: this.#root };
  }
}

/** Picks a batch from the candidates under the limit; `rest` is kept for the next batches (or null). */
function select(candidates: NewFile[], limit: Limit, latestFirst: boolean): { batch: NewFile[]; rest: NewFile[] | null } {
  if (limit.kind === "all") return { batch: candidates, rest: null };
  if (limit.kind === "files") {
    const batch = candidates.slice(0, limit.max);
    if (latestFirst) return { batch, rest: null };
    const rest = candidates.slice(limit.max);
    return { batch, rest: rest.length < limit.max * DISCARD_UNSEEN_INPUT_RATIO ? null : rest };
  }
  // Bytes: always the first file, then files while the total stays within the limit.
  let total = 0;
  const batch: NewFile[] = [];
  const rest: NewFile[] = [];
  let restSize = 0;
  for (let i = 0; i < candidates.length; i++) {
    const f = candidates[i]!;
    if (i === 0 || (rest.length === 0 && total + f.size <= limit.max)) {
      total += f.size;
      batch.push(f);
    } else {
      rest.push(f);
      restSize += f.size;
    }
  }
  if (latestFirst) return { batch, rest: null };
  return { batch, rest: restSize < limit.max * DISCARD_UNSEEN_INPUT_RATIO ? null : rest };
}

function logOffsetOf(offset: Offset): number {
  const o = typeof offset === "string" ? JSON.parse(offset) : offset;
  if (typeof o === "number") return o;
  if (o !== null && typeof o === "object" && !Array.isArray(o) && typeof (o as { logOffset?: unknown }).logOffset === "number") {
    return (o as { logOffset: number }).logOffset;
  }
  throw internalError(`Invalid conversion from offset of ${JSON.stringify(offset)} to FileStreamSourceOffset`);
}

