// The plugin contract: every source and sink, built in or written by a user, is one of these.
// Sources follow Spark's offset model so a batch can be replayed exactly; sinks are idempotent per
// batch id. Rows are in the engine's internal representation (see types/data_type.ts): one JS
// array per row, one slot per schema field.
import type { StructType } from "../types/data_type.ts";

/**
 * A JSON-serialisable position in a source (goes into the checkpoint's offsets/N). An integer
 * beyond 2^53 is a bigint (the canonical long form: a Kafka offset, a Snowflake id), written to
 * the checkpoint as its digits and read back exact, as Spark writes longs.
 */
export type Offset = null | boolean | number | bigint | string | Offset[] | { [key: string]: Offset };

export type Row = unknown[];

export type OutputMode = "append" | "update" | "complete";

/** A JSON Schema object (draft 2020-12 / 07 as ajv accepts) describing a plugin's options. */
export type OptionsSchema = Record<string, unknown>;

export interface PluginExample {
  title: string;
  options: Record<string, unknown>;
}

/** How much a source may hand out in one batch (Spark's ReadLimit). Undefined fields: no limit. */
export interface ReadLimit {
  maxRows?: number;
  maxFiles?: number;
  maxBytes?: number;
  /** minOffsetsPerTrigger: wait for at least this many rows, unless maxTriggerDelayMs has passed. */
  minRows?: number;
  maxTriggerDelayMs?: number;
}

/** What time it is; injected so tests drive time by hand. */
export interface Clock {
  nowMs(): number;
  /** Resolves after `ms` (a manual clock resolves when time is advanced past it). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * A condition on a source's rows, in terms a source can check without the engine (Spark's data
 * source Filter): a column compared with a value in the engine's representation, null tests, and
 * their combinations.
 */
export type SourceFilter =
  | { readonly kind: "=" | "<=>" | "<" | "<=" | ">" | ">="; readonly column: string; readonly value: unknown }
  | { readonly kind: "isNull" | "isNotNull"; readonly column: string }
  | { readonly kind: "and" | "or"; readonly left: SourceFilter; readonly right: SourceFilter }
  | { readonly kind: "not"; readonly child: SourceFilter };

export interface SourceContext {
  /** The schema the user gave with .schema(...), if any. */
  userSchema?: StructType;
  /**
   * With `pushdown.columns`: the columns the query reads. A source may leave the others null in
   * the rows it returns (a Parquet source then reads only these columns). Undefined: all.
   */
  requiredColumns?: readonly string[];
  /**
   * With `pushdown.filters`: conditions every row the query keeps meets. A source may skip rows
   * (or files, row groups) that cannot meet them; the engine still applies the query's filter.
   */
  filters?: readonly SourceFilter[];
  /** True for readStream, false for read (batch). */
  streaming: boolean;
  /** Directory the source may keep its own metadata in (checkpoint `sources/<i>`), if checkpointed. */
  metadataDir?: string;
  clock: Clock;
  log: Logger;
  /** Session configuration, e.g. spark.sql.session.timeZone. */
  conf(key: string): string | undefined;
}

export interface SourceReader {
  readonly schema: StructType;
  /** Shown in progress `sources[].description`. */
  readonly description: string;
  /**
   * The latest offset available, reading no further than `limit` past `start` (null start = from the
   * beginning). Returns `start` (or null) when there is nothing new.
   */
  latestOffset(start: Offset, limit: ReadLimit): Offset | Promise<Offset>;
  /** Rows in (start, end]. The same range always yields the same rows. */
  getBatch(start: Offset, end: Offset): Row[] | Promise<Row[]>;
  /**
   * The same rows as getBatch, as a sequence of chunks (a file at a time, a fetch at a time …),
   * so that a batch flows through the query without being held whole. The engine prefers it to
   * getBatch when a reader has it. A chunk should hold at most `limit.maxRows` rows; larger
   * chunks are split.
   */
  readBatch?(start: Offset, end: Offset, limit: ChunkLimit): Iterable<Row[]> | AsyncIterable<Row[]>;
  /**
   * Optional, for running a batch on several worker threads: the batch (start, end] cut into
   * splits that can be read independently (files or byte ranges, topic-partitions), in the order
   * their rows come in readBatch. A split is JSON data: it is sent to a worker thread, where a
   * reader created with the same options reads it with readSplit. `sizing` carries Spark's
   * spark.sql.files.maxPartitionBytes / openCostInBytes and the parallelism to aim for.
   */
  planSplits?(start: Offset, end: Offset, sizing: SplitSizing): InputSplit[] | Promise<InputSplit[]>;
  /** The rows of one split planSplits gave, as chunks of at most `limit.maxRows` rows. */
  readSplit?(split: InputSplit, limit: ChunkLimit): Iterable<Row[]> | AsyncIterable<Row[]>;
  /**
   * Real-time mode (trigger realTime or continuous; the definition says `realTime: true`): the rows
   * after `start` as they arrive, until `stop` is aborted, each chunk with the source's offset just
   * past it (what the batch commits if it ends there). A chunk should be handed over as soon as it
   * arrives: the query's latency is how long a record waits here. Once `stop` is aborted the
   * sequence ends promptly; rows not handed over by then belong to the next batch.
   */
  readRealTime?(start: Offset, stop: AbortSignal): AsyncIterable<RealTimeChunk>;
  /** Everything up to `end` is committed by the query; the source may forget it. */
  commit?(end: Offset): void | Promise<void>;
  /**
   * For Trigger.AvailableNow: fix and return the offset to stop at. `start` is where the query
   * resumes (the last committed offset, null on a fresh start).
   */
  prepareForTriggerAvailableNow?(start: Offset): Offset | Promise<Offset>;
  /** Source-specific figures for progress `sources[].metrics`. */
  metrics?(end: Offset): Record<string, string>;
  stop?(): void | Promise<void>;
}

/** Rows a real-time reader hands over, and its offset just past them. */
export interface RealTimeChunk {
  readonly rows: Row[];
  readonly end: Offset;
}

/** How big a chunk of rows the engine wants from a source. */
/** A piece of a batch a worker reads on its own: JSON data, with its size in bytes (or rows, when bytes are unknown). */
export interface InputSplit {
  readonly bytes: number;
  readonly [key: string]: unknown;
}

/** How to cut a batch into splits (Spark's FilePartition.maxSplitBytes inputs). */
export interface SplitSizing {
  /** spark.sql.files.maxPartitionBytes: the most bytes packed into one split. */
  readonly maxPartitionBytes: number;
  /** spark.sql.files.openCostInBytes: what opening a file costs, counted as that many bytes. */
  readonly openCostInBytes: number;
  /** How many splits to aim for at least (Spark's spark.sql.files.minPartitionNum, default its parallelism). */
  readonly minPartitionNum: number;
}

export interface ChunkLimit {
  readonly maxRows: number;
}

/** What a source's schema() may need besides its options. */
export interface SchemaInfo {
  /** True for readStream, false for read. */
  streaming: boolean;
  conf(key: string): string | undefined;
}

export interface SourceDefinition<O = Record<string, unknown>> {
  readonly kind: "source";
  readonly name: string;
  readonly summary: string;
  readonly options: OptionsSchema;
  readonly examples?: readonly PluginExample[];
  /**
   * Options Spark accepts for this format that the plugin does not act on, each with why (and what
   * Sluice does instead): accepted under any case with any value, left out of `create`'s options,
   * and warned about once per process. Every other unknown option stays an error. Beyond Spark,
   * which ignores unknown options silently.
   */
  readonly noEffectOptions?: Readonly<Record<string, string>>;
  /**
   * Options Spark accepts for this format that Sluice cannot honour and that would change the
   * result if ignored (a VARIANT column, a non-UTF-8 encoding), each with why: refused with that
   * reason, instead of "unknown option".
   */
  readonly unsupportedOptions?: Readonly<Record<string, string>>;
  /** Whether the user may (or must) pass a schema. Default "none": the source fixes its schema. */
  readonly userSchema?: "none" | "optional" | "required";
  /**
   * The schema of the rows this source produces for these (validated) options, known before any
   * reader exists: DataFrames are analyzed when they are built, as in Spark. Must match the
   * reader's `schema`.
   */
  schema(options: O, userSchema: StructType | undefined, info?: SchemaInfo): StructType;
  /**
   * What the optimizer may push into this source: `columns` (it reads only
   * SourceContext.requiredColumns), `filters` (it uses SourceContext.filters to skip data).
   */
  readonly pushdown?: { readonly columns?: boolean; readonly filters?: boolean };
  /** Its readers have readRealTime: queries with trigger({ realTime }) or ({ continuous }) may read it. */
  readonly realTime?: boolean;
  create(options: O, ctx: SourceContext): SourceReader | Promise<SourceReader>;
}

export interface SinkContext {
  /** Schema of the rows the query writes. */
  schema: StructType;
  queryId: string;
  queryName?: string;
  /** Directory for the sink's own metadata, when the query has a checkpoint. */
  metadataDir?: string;
  clock: Clock;
  log: Logger;
  conf(key: string): string | undefined;
  /** Where console-like sinks print. */
  stdout: (text: string) => void;
  /** The session, for sinks that register tables (memory). Typed loosely to keep plugins decoupled. */
  session: unknown;
}

export interface SinkWriter {
  /** Shown in progress `sink.description`. */
  readonly description: string;
  /** Writes one batch. Must be idempotent per batchId: a batch id seen before is not written twice. */
  addBatch(batchId: number, rows: Row[], mode: OutputMode): void | Promise<void>;
  /**
   * Writes one batch in chunks, so a batch is never held whole: the engine calls write() for
   * each chunk of rows, then commit() once all are written (abort() if the batch fails). The
   * engine prefers it to addBatch when a writer has it. Idempotent per batchId as addBatch.
   */
  beginBatch?(batchId: number, mode: OutputMode): BatchWriter | Promise<BatchWriter>;
  metrics?(): Record<string, string>;
  stop?(): void | Promise<void>;
}

/** One batch being written in chunks (SinkWriter.beginBatch). */
export interface BatchWriter {
  write(rows: Row[]): void | Promise<void>;
  /** All the batch's rows were written: make them visible (the batch is done once this resolves). */
  commit(): void | Promise<void>;
  /** The batch failed: drop what was written of it. */
  abort?(): void | Promise<void>;
}

export interface SinkDefinition<O = Record<string, unknown>> {
  readonly kind: "sink";
  readonly name: string;
  readonly summary: string;
  readonly options: OptionsSchema;
  readonly examples?: readonly PluginExample[];
  /**
   * Options Spark accepts for this format that the plugin does not act on, each with why (and what
   * Sluice does instead): accepted under any case with any value, left out of `create`'s options,
   * and warned about once per process. Every other unknown option stays an error. Beyond Spark,
   * which ignores unknown options silently.
   */
  readonly noEffectOptions?: Readonly<Record<string, string>>;
  /**
   * Options Spark accepts for this format that Sluice cannot honour and that would change the
   * result if ignored (a VARIANT column, a non-UTF-8 encoding), each with why: refused with that
   * reason, instead of "unknown option".
   */
  readonly unsupportedOptions?: Readonly<Record<string, string>>;
  /** The output modes this sink accepts; others are refused at start(). */
  readonly outputModes: readonly OutputMode[];
  /** True if the sink cannot work without a checkpointLocation (Spark requires one for most sinks). */
  readonly requiresCheckpoint?: boolean;
  /**
   * Real-time mode may write to it (Spark's allowlist: kafka, console, memory, foreach): rows reach
   * it through BatchWriter.write as they arrive, so it should make them visible (send, print) in
   * write rather than wait for commit.
   */
  readonly realTime?: boolean;
  create(options: O, ctx: SinkContext): SinkWriter | Promise<SinkWriter>;
  /**
   * df.write.format(name)…save(): writes one batch DataFrame with Spark's save mode. Returns null
   * when the mode is "ignore" and the target already holds data (nothing is written). Sinks
   * without it cannot be written by df.write.
   */
  save?(options: O, ctx: SaveContext): SaveWriter | null | Promise<SaveWriter | null>;
}

/** Spark's SaveMode, as df.write.mode() takes it (lower case; "error" and "default" are "errorifexists"). */
export type SaveMode = "append" | "overwrite" | "ignore" | "errorifexists";

export interface SaveContext {
  /** Schema of the rows written. */
  schema: StructType;
  mode: SaveMode;
  clock: Clock;
  log: Logger;
  conf(key: string): string | undefined;
  session: unknown;
}

/** One df.write: the rows arrive in chunks, then commit() makes them visible (abort() on failure). */
export interface SaveWriter {
  write(rows: Row[]): void | Promise<void>;
  commit(): void | Promise<void>;
  abort(): void | Promise<void>;
}

export type PluginDefinition = SourceDefinition<any> | SinkDefinition<any>;

export function defineSource<O = Record<string, unknown>>(def: Omit<SourceDefinition<O>, "kind">): SourceDefinition<O> {
  return Object.freeze({ ...def, kind: "source" as const });
}

export function defineSink<O = Record<string, unknown>>(def: Omit<SinkDefinition<O>, "kind">): SinkDefinition<O> {
  return Object.freeze({ ...def, kind: "sink" as const });
}
