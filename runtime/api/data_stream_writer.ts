// df.writeStream: sink, output mode, trigger, checkpoint. start() hands them to the engine's one
// entry point, startQuery, which checks everything Spark checks before any data is read, then runs
// the query's loop in the background.
import { type QueryDefinition, type SinkSpec, startQuery } from "../engine/start_query.ts";
import type { ForeachWriter } from "../plugin/builtins.ts";
import { DEFAULT_TRIGGER, parseTrigger, type Trigger, type TriggerSpec } from "../scheduler/trigger.ts";
import type { DataFrame } from "./data_frame.ts";
import type { OptionValue } from "./data_stream_reader.ts";
import { callArguments, optionText, pathText } from "./keyword_arguments.ts";
import { streamingTargetTable } from "../sql/table_commands.ts";
import type { Row } from "./row.ts";
import type { StreamingQuery } from "./streaming_query.ts";

/**
 * PySpark's keyword arguments of start(), as an object: format, outputMode, partitionBy, queryName,
 * and any other key is an option (`checkpointLocation`, a sink's options). null/undefined: not set.
 */
export type WriterKeywords = {
  path?: string | null; format?: string | null; outputMode?: string | null; partitionBy?: string | string[] | null; queryName?: string | null;
} & Record<string, OptionValue | string[] | null | undefined>;

export class DataStreamWriter {
  private formatName?: string;
  private mode: string = "append";
  private readonly opts: Record<string, string> = {};
  private name: string | null = null;
  private triggerValue: Trigger = DEFAULT_TRIGGER;
  private batchFn?: (df: DataFrame, batchId: number) => unknown;
  private rowWriter?: ForeachWriter | ((row: Row) => void | Promise<void>);
  private partitionCols: string[] = [];

  constructor(private readonly df: DataFrame) {}

  format(source: string): this {
    this.formatName = source;
    return this;
  }
  /** "append" (default), "update" or "complete", case-insensitive. */
  outputMode(mode: string): this {
    this.mode = mode;
    return this;
  }
  option(key: string, value: OptionValue | null): this {
    if (value === null || value === undefined) delete this.opts[key];
    else this.opts[key] = String(value);
    return this;
  }
  options(opts: Record<string, OptionValue | null>): this {
    for (const [k, v] of Object.entries(opts)) this.option(k, v);
    return this;
  }
  queryName(name: string): this {
    this.name = name;
    return this;
  }
  trigger(spec: TriggerSpec): this {
    this.triggerValue = parseTrigger(spec);
    return this;
  }
  partitionBy(...cols: string[]): this {
    this.partitionCols = cols.flat();
    return this;
  }
  foreachBatch(fn: (df: DataFrame, batchId: number) => unknown): this {
    this.batchFn = fn;
    this.formatName = "foreachBatch";
    return this;
  }
  foreach(writer: ForeachWriter | ((row: Row) => void | Promise<void>)): this {
    this.rowWriter = writer;
    this.formatName = "foreach";
    return this;
  }

  /**
   * Starts the query. Throws at once (before reading any data) if the query cannot run. Takes
   * PySpark's start(path=None, format=None, outputMode=None, partitionBy=None, queryName=None,
   * **options): `start(path)`, or keywords last: `start(path, { format: "json", checkpointLocation: cp })`.
   */
  start(path?: string | WriterKeywords | null, ...args: (string | string[] | WriterKeywords | null | undefined)[]): StreamingQuery {
    const { named, options } = callArguments("DataStreamWriter.start", [path, ...args]);
    this.applyKeywords(named, options);
    return startQuery(this.definition(named.path === undefined ? undefined : pathText("start", named.path)));
  }

  /** The query this writer describes, as startQuery takes it. */
  definition(path?: string): QueryDefinition {
    // As in Spark, the last of format() / foreachBatch() / foreach() decides the sink.
    const sink: SinkSpec = this.formatName === "foreachBatch" && this.batchFn
      ? { kind: "foreachBatch", fn: this.batchFn }
      : this.formatName === "foreach" && this.rowWriter
      ? { kind: "foreach", writer: this.rowWriter }
      : { kind: "format", format: this.formatName };
    return {
      session: this.df.sparkSession, plan: this.df.plan, sink, options: path === undefined ? { ...this.opts } : { ...this.opts, path },
      partitionBy: [...this.partitionCols], outputMode: this.mode, trigger: this.triggerValue, name: this.name,
    };
  }

  /**
   * PySpark's toTable(tableName, format=None, outputMode=None, partitionBy=None, queryName=None,
   * **options): starts the query writing into the session catalog's table `tableName`, created
   * first (managed, under spark.sql.warehouse.dir, stored as `format` or spark.sql.sources.default,
   * partitioned by `partitionBy`) when it does not exist; an existing table must be stored as the
   * writer's format. Keywords last: `toTable("events", { format: "json", checkpointLocation: cp })`.
   */
  toTable(tableName: string, ...args: (string | string[] | WriterKeywords | null | undefined)[]): StreamingQuery {
    const { named, options } = callArguments("DataStreamWriter.toTable", [tableName, ...args]);
    this.applyKeywords(named, options);
    const table = streamingTargetTable(this.df.sparkSession, String(named.tableName), this.formatName, this.df.schema, this.partitionCols);
    return startQuery(this.format(table.provider).definition(table.location));
  }

  private applyKeywords(named: Record<string, unknown>, options: Record<string, unknown>): void {
    if (named.format !== undefined) this.format(String(named.format));
    if (named.outputMode !== undefined) this.outputMode(String(named.outputMode));
    if (named.partitionBy !== undefined) this.partitionBy(...(Array.isArray(named.partitionBy) ? named.partitionBy : [named.partitionBy]).map(String));
    if (named.queryName !== undefined) this.queryName(String(named.queryName));
    for (const [k, v] of Object.entries(options)) this.option(k, optionText(k, v as never));
  }
}
