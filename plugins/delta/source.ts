// readStream.format("delta") and read.format("delta"): delta-spark's DeltaSource and its batch
// scan. A stream starts with the table's files at the version current when it starts (or the
// commits from startingVersion / startingTimestamp), then follows new commits: each commit's
// added data files, in log order, become the next batches, at most maxFilesPerTrigger files (and
// about maxBytesPerTrigger bytes) at a time. Offsets are delta-spark's
// {sourceVersion, reservoirId, reservoirVersion, index, isStartingVersion}. A commit that removes
// data fails the stream unless ignoreDeletes / skipChangeCommits say what to do, as in Spark.
import { SOURCE_NO_EFFECT, SOURCE_UNSUPPORTED } from "./option_effects.ts";
import { defineSource, userError, type Offset, type ReadLimit, type Row, type SourceContext, type SourceReader, type StructType } from "sluice/plugin-sdk";
import type { AddFile, Metadata } from "./actions.ts";
import {
  differentTableRead, illegalOption, logFileMissingForStream, schemaChanged, sourceIgnoreChanges, sourceIgnoreDelete, startingVersionAndTimestamp,
  timeTravelBothSet, timestampInvalid,
} from "./errors.ts";
import { checkReadable } from "./features.ts";
import { firstVersionAtOrAfter, versionAtTimestamp } from "./history.ts";
import { existsSync } from "node:fs";
import { commitFile, listLog } from "./log_store.ts";
import { fileScanner } from "./scan.ts";
import { latestVersionOf, loadSnapshot, readCommit, type Snapshot } from "./snapshot.ts";
import { sameIgnoringNullability } from "./table_schema.ts";
import { castFunction, STRING, TIMESTAMP } from "sluice/plugin-sdk";
import { schemaFromJson } from "../formats/spark_schema_json.ts";

/** Files per batch unless maxFilesPerTrigger says otherwise (delta-spark's default). */
export const DEFAULT_MAX_FILES_PER_TRIGGER = 1000;

export interface DeltaSourceOptions {
  path: string;
  versionAsOf?: number;
  timestampAsOf?: string;
  startingVersion?: string;
  startingTimestamp?: string;
  maxFilesPerTrigger?: number;
  maxBytesPerTrigger?: string;
  ignoreDeletes: boolean;
  ignoreChanges: boolean;
  skipChangeCommits: boolean;
  failOnDataLoss: boolean;
}

const OPTIONS = {
  type: "object",
  additionalProperties: false,
  required: ["path"],
  properties: {
    path: { type: "string", minLength: 1, description: "The table's directory." },
    versionAsOf: { type: "integer", minimum: 0, description: "spark.read only: read the table as of this version (time travel)." },
    timestampAsOf: { type: "string", description: "spark.read only: read the table as it was at this timestamp (yyyy-MM-dd[ HH:mm:ss], session time zone)." },
    startingVersion: { type: "string", pattern: "^([0-9]+|[Ll][Aa][Tt][Ee][Ss][Tt])$", description: "readStream: start with the changes of this version (or \"latest\": only new commits) instead of the table's current files." },
    startingTimestamp: { type: "string", description: "readStream: start with the changes committed at or after this timestamp." },
    maxFilesPerTrigger: { type: "integer", minimum: 1, description: "readStream: data files per batch at most (default 1000)." },
    maxBytesPerTrigger: { type: "string", description: "readStream: about this many bytes of data files per batch (e.g. 1g); a batch always takes at least one file." },
    ignoreDeletes: { type: "boolean", default: false, description: "readStream: let commits that only delete data (e.g. partition deletes) pass without failing." },
    ignoreChanges: { type: "boolean", default: false, description: "readStream (deprecated in Delta): re-emit the files of commits that rewrite data." },
    skipChangeCommits: { type: "boolean", default: false, description: "readStream: skip whole commits that remove or rewrite data." },
    failOnDataLoss: { type: "boolean", default: true, description: "readStream: fail when commit files the stream needs have been cleaned up." },
  },
};

interface Position {
  version: number;
  /** Index of the last file consumed in `version` (-1: none yet). */
  index: number;
  isStartingVersion: boolean;
}

interface IndexedFile {
  version: number;
  index: number;
  add: AddFile;
}

function offsetOf(tableId: string, p: Position): Offset {
  return { sourceVersion: 1, reservoirId: tableId, reservoirVersion: p.version, index: p.index, isStartingVersion: p.isStartingVersion };
}

function positionOf(tableId: string, o: Offset): Position {
  const x = (typeof o === "string" ? JSON.parse(o) : o) as Record<string, unknown>;
  if (x.reservoirId !== tableId) throw differentTableRead(tableId, String(x.reservoirId));
  return { version: Number(x.reservoirVersion), index: Number(x.index), isStartingVersion: x.isStartingVersion === true };
}

/** Bytes in "1g", "512m", "100k", "1024" (Spark's byte strings, binary units). */
function byteString(text: string): number {
  const m = /^\s*(\d+)\s*([kmgtp]?)(?:i?b)?\s*$/i.exec(text);
  if (!m) throw illegalOption("maxBytesPerTrigger", text, "must be a size such as 1g or 512m");
  return Number(m[1]) * 1024 ** " kmgtp".indexOf((m[2] || " ").toLowerCase());
}

function parseTimestamp(text: string, timeZone: string): number {
  let micros: unknown;
  try {
    micros = castFunction(STRING, TIMESTAMP, true, timeZone)(text);
  } catch {
    throw timestampInvalid(text);
  }
  if (typeof micros !== "number") throw timestampInvalid(text);
  return Math.floor(micros / 1000);
}

/** The snapshot a batch read (time travel options included) reads. */
function batchSnapshot(o: DeltaSourceOptions, conf: (k: string) => string | undefined): Snapshot {
  if (o.versionAsOf !== undefined && o.timestampAsOf !== undefined) throw timeTravelBothSet();
  if (o.timestampAsOf !== undefined) {
    const ms = parseTimestamp(o.timestampAsOf, conf("spark.sql.session.timeZone") ?? "UTC");
    return loadSnapshot(o.path, versionAtTimestamp(o.path, ms, o.timestampAsOf));
  }
  return loadSnapshot(o.path, o.versionAsOf);
}

export default defineSource<DeltaSourceOptions>({
  name: "delta",
  summary: "Reads a Delta Lake table: readStream follows its commits (files added become batches); read takes a version, or one as of a time.",
  options: OPTIONS,
  examples: [
    { title: "Follow a table from its current files on", options: { path: "/data/delta/events" } },
    { title: "Only new commits, 10 files a batch", options: { path: "/data/delta/events", startingVersion: "latest", maxFilesPerTrigger: 10 } },
    { title: "The table as of version 3 (spark.read)", options: { path: "/data/delta/events", versionAsOf: 3 } },
  ],
  pushdown: { columns: true },
  noEffectOptions: SOURCE_NO_EFFECT,
  unsupportedOptions: SOURCE_UNSUPPORTED,
  schema(options, _userSchema, info) {
    const conf = info?.conf ?? (() => undefined);
    if (info?.streaming === false) return batchSnapshot(options, conf).schema;
    return loadSnapshot(options.path).schema;
  },
  create(options, ctx) {
    if (!ctx.streaming) return new DeltaBatchReader(options, ctx);
    return new DeltaStreamReader(options, ctx);
  },
});

/** spark.read.format("delta"): one snapshot, read file by file. */
class DeltaBatchReader implements SourceReader {
  readonly schema: StructType;
  readonly description: string;
  readonly #snapshot: Snapshot;
  readonly #read: (add: AddFile) => Row[];

  constructor(o: DeltaSourceOptions, ctx: SourceContext) {
    this.#snapshot = batchSnapshot(o, (k) => ctx.conf(k));
    this.schema = this.#snapshot.schema;
    this.description = `DeltaTable[${o.path}]`;
    this.#read = fileScanner({
      table: o.path, schema: this.schema, partitionColumns: this.#snapshot.metadata.partitionColumns,
      timeZone: ctx.conf("spark.sql.session.timeZone") ?? "UTC", requiredColumns: ctx.requiredColumns,
    });
  }

  latestOffset(): Offset {
    return this.#snapshot.version;
  }

  getBatch(): Row[] {
    const out: Row[] = [];
    for (const chunk of this.readBatch()) for (const r of chunk) out.push(r);
    return out;
  }

  *readBatch(): Iterable<Row[]> {
    for (const add of [...this.#snapshot.files.values()].sort(byTimeThenPath)) yield this.#read(add);
  }
}

const byTimeThenPath = (a: AddFile, b: AddFile) => a.modificationTime - b.modificationTime || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** readStream.format("delta"). */
class DeltaStreamReader implements SourceReader {
  readonly schema: StructType;
  readonly description: string;
  readonly #o: DeltaSourceOptions;
  readonly #ctx: SourceContext;
  readonly #tableId: string;
  readonly #partitionColumns: string[];
  readonly #read: (add: AddFile) => Row[];
  readonly #maxFiles: number;
  readonly #maxBytes: number;
  /** The files of a version as the stream sees them, by version (the starting snapshot under its own key). */
  readonly #cache = new Map<string, IndexedFile[]>();
  /** Trigger.AvailableNow: the stream stops here. */
  #availableNowEnd?: Position;

  constructor(o: DeltaSourceOptions, ctx: SourceContext) {
    if (o.startingVersion !== undefined && o.startingTimestamp !== undefined) throw startingVersionAndTimestamp();
    if (o.versionAsOf !== undefined || o.timestampAsOf !== undefined) {
      throw userError("DELTA_UNSUPPORTED_TIME_TRAVEL_VIEWS", "Cannot time travel views, subqueries, streams or change data feed queries.", {
        sqlState: "0AKDC", hint: "Use startingVersion or startingTimestamp to choose where a stream starts.",
      });
    }
    this.#o = o;
    this.#ctx = ctx;
    const snap = loadSnapshot(o.path);
    this.schema = snap.schema;
    this.#tableId = snap.metadata.id;
    this.#partitionColumns = [...snap.metadata.partitionColumns];
    this.description = `DeltaSource[${o.path}]`;
    this.#maxFiles = o.maxFilesPerTrigger ?? DEFAULT_MAX_FILES_PER_TRIGGER;
    this.#maxBytes = o.maxBytesPerTrigger === undefined ? Infinity : byteString(o.maxBytesPerTrigger);
    this.#read = fileScanner({
      table: o.path, schema: this.schema, partitionColumns: this.#partitionColumns,
      timeZone: ctx.conf("spark.sql.session.timeZone") ?? "UTC", requiredColumns: ctx.requiredColumns,
    });
  }

  #started?: Position;

  /** Where a new stream starts (fixed once): before the starting snapshot, or before the starting version's commit. */
  #start(): Position {
    this.#started ??= this.#computeStart();
    return this.#started;
  }

  #computeStart(): Position {
    const o = this.#o;
    if (o.startingVersion !== undefined) {
      if (o.startingVersion.toLowerCase() === "latest") return { version: this.#latest() + 1, index: -1, isStartingVersion: false };
      const v = Number(o.startingVersion);
      const latest = this.#latest();
      if (v > latest) {
        throw userError("DELTA_VERSION_NOT_FOUND", `Cannot time travel Delta table to version ${v}. Available versions: [0, ${latest}].`, { sqlState: "22003" });
      }
      return { version: v, index: -1, isStartingVersion: false };
    }
    if (o.startingTimestamp !== undefined) {
      const ms = parseTimestamp(o.startingTimestamp, this.#ctx.conf("spark.sql.session.timeZone") ?? "UTC");
      return { version: firstVersionAtOrAfter(o.path, ms, o.startingTimestamp), index: -1, isStartingVersion: false };
    }
    return { version: this.#latest(), index: -1, isStartingVersion: true };
  }

  #latest(): number {
    return latestVersionOf(this.#o.path);
  }

  /** The files of the starting snapshot at `version`, ordered as delta-spark orders them. */
  #snapshotFiles(version: number): IndexedFile[] {
    const key = `s${version}`;
    let files = this.#cache.get(key);
    if (!files) {
      const snap = loadSnapshot(this.#o.path, version);
      this.#checkSchema(snap.metadata, version);
      files = [...snap.files.values()].sort(byTimeThenPath).map((add, index) => ({ version, index, add }));
      this.#cache.set(key, files);
    }
    return files;
  }

  /** The data files version `version` adds, after checking the commit is one the stream can take. */
  #commitFiles(version: number): IndexedFile[] {
    const key = `c${version}`;
    let files = this.#cache.get(key);
    if (files) return files;
    if (!existsSync(commitFile(this.#o.path, version))) {
      const earliest = listLog(this.#o.path).commits[0] ?? version;
      if (this.#o.failOnDataLoss) throw logFileMissingForStream(version, earliest);
      this.#ctx.log.warn(`Delta: the commit of version ${version} of ${this.#o.path} is gone (log cleanup); its files are skipped (failOnDataLoss=false).`);
      files = [];
      this.#cache.set(key, files);
      return files;
    }
    const c = readCommit(this.#o.path, version);
    let seenAdd = false;
    let removed: string | undefined;
    for (const a of c.actions) {
      if ("add" in a && a.add.dataChange) seenAdd = true;
      else if ("remove" in a && a.remove.dataChange) removed ??= a.remove.path;
      else if ("metaData" in a) this.#checkSchema(a.metaData, version);
      else if ("protocol" in a) checkReadable(a.protocol, undefined, this.#o.path);
    }
    let skip = false;
    if (removed !== undefined) {
      const o = this.#o;
      const allowChanges = o.ignoreChanges || o.skipChangeCommits;
      if (seenAdd && !allowChanges) {
        const change = c.info ? `${c.info.operation} (${scalaMap(c.info.operationParameters)})` : removed;
        throw sourceIgnoreChanges(change, version, this.#o.path);
      }
      if (!seenAdd && !allowChanges && !o.ignoreDeletes) throw sourceIgnoreDelete(removed, version, this.#o.path);
      skip = o.skipChangeCommits;
    }
    files = skip ? [] : c.actions.filter((a): a is { add: AddFile } => "add" in a && a.add.dataChange).map((a, index) => ({ version, index, add: a.add }));
    this.#cache.set(key, files);
    return files;
  }

  #checkSchema(md: Metadata, version: number): void {
    const s = schemaFromJson(md.schemaString);
    if (!sameIgnoringNullability(s, this.schema)) throw schemaChanged(this.schema, s, version);
  }

  /**
   * Files after `from`, in stream order, up to the latest version (and not past `bound`), while
   * `take` accepts them. Returns the files taken and the position after the last one; a version
   * whose files were all taken ends as (next version, -1). A scan never runs from the starting
   * snapshot into the commits after it, so a batch's start is always known from its end.
   */
  #scan(from: Position, take: (f: IndexedFile, taken: number) => boolean, bound?: Position): { files: IndexedFile[]; end: Position } {
    const latest = this.#latest();
    const files: IndexedFile[] = [];
    let pos = from;
    while (pos.version <= latest) {
      const list = pos.isStartingVersion ? this.#snapshotFiles(pos.version) : this.#commitFiles(pos.version);
      for (let i = pos.index + 1; i < list.length; i++) {
        const next = { version: pos.version, index: i, isStartingVersion: pos.isStartingVersion };
        if ((bound && comparePositions(next, bound) > 0) || !take(list[i]!, files.length)) return { files, end: pos };
        files.push(list[i]!);
        pos = next;
      }
      const after = { version: pos.version + 1, index: -1, isStartingVersion: false };
      if (bound && comparePositions(after, bound) > 0) return { files, end: pos };
      const wasSnapshot = pos.isStartingVersion;
      pos = after;
      if (wasSnapshot) break;
    }
    return { files, end: pos };
  }

  /** Where the batch ending at `end` started when the query's first offset was null. */
  #firstStart(end: Position): Position {
    const o = this.#o;
    if (o.startingVersion !== undefined || o.startingTimestamp !== undefined) return this.#start();
    return end.isStartingVersion ? { version: end.version, index: -1, isStartingVersion: true } : { version: end.version - 1, index: -1, isStartingVersion: true };
  }

  latestOffset(start: Offset, limit: ReadLimit): Offset {
    const from = start === null ? this.#start() : positionOf(this.#tableId, start);
    const maxFiles = Math.min(this.#maxFiles, limit.maxFiles ?? Infinity);
    const maxBytes = Math.min(this.#maxBytes, limit.maxBytes ?? Infinity);
    let bytes = 0;
    const { end } = this.#scan(from, (f, taken) => {
      if (taken >= maxFiles) return false;
      if (taken > 0 && bytes + f.add.size > maxBytes) return false;
      bytes += f.add.size;
      return true;
    }, this.#availableNowEnd);
    return comparePositions(end, from) === 0 ? start : offsetOf(this.#tableId, end);
  }

  getBatch(start: Offset, end: Offset): Row[] {
    const out: Row[] = [];
    for (const chunk of this.readBatch(start, end)) for (const r of chunk) out.push(r);
    return out;
  }

  *readBatch(start: Offset, end: Offset): Iterable<Row[]> {
    const to = positionOf(this.#tableId, end);
    const from = start === null ? this.#firstStart(to) : positionOf(this.#tableId, start);
    const { files } = this.#scan(from, () => true, to);
    for (const f of files) yield this.#read(f.add);
  }

  prepareForTriggerAvailableNow(start: Offset): Offset {
    const from = start === null ? this.#start() : positionOf(this.#tableId, start);
    // Everything committed now, the starting snapshot and the commits after it.
    let end = this.#scan(from, () => true).end;
    if (from.isStartingVersion) end = this.#scan(end, () => true).end;
    this.#availableNowEnd = end;
    return comparePositions(end, from) === 0 ? start : offsetOf(this.#tableId, end);
  }

  commit(end: Offset): void {
    const p = positionOf(this.#tableId, end);
    for (const key of this.#cache.keys()) {
      const v = Number(key.slice(1));
      if (v < p.version) this.#cache.delete(key);
    }
  }

  metrics(end: Offset): Record<string, string> {
    if (end === null) return {};
    const p = positionOf(this.#tableId, end);
    let files = 0;
    let bytes = 0;
    this.#scan(p, (f) => {
      files++;
      bytes += f.add.size;
      return true;
    });
    return { numFilesOutstanding: String(files), numBytesOutstanding: String(bytes) };
  }
}

/** Stream order: by version, then by index within it (the starting snapshot is its version's list). */
const comparePositions = (a: Position, b: Position) => a.version - b.version || a.index - b.index;

/** Scala's Map.toString, as delta-spark prints operation parameters in its messages. */
function scalaMap(m: Record<string, string>): string {
  return `Map(${Object.entries(m).map(([k, v]) => `${k} -> ${v}`).join(", ")})`;
}
